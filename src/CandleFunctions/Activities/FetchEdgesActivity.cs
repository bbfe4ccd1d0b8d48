using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Core.Planning;
using CandleFunctions.Exchange;
using CandleFunctions.Staging;
using Microsoft.Azure.Functions.Worker;

namespace CandleFunctions.Activities;

/// <summary>
/// Fetches and stages the head and tail pages of a symbol's missing span, which double as the probes of where it
/// traded (<see cref="EdgePages"/>, shared with the CLI): no extra weight is spent finding the listing. Sends from the
/// grant's start (<see cref="GrantedSend"/>), stops at its deadline, a 429 or a 418 and says where to resume;
/// transient faults throw for the RetryPolicy.
/// </summary>
public sealed class FetchEdgesActivity(ExchangeClientFactory exchange, IChunkStaging staging, TimeProvider time)
{
    /// <summary>The activity's function name.</summary>
    public const string Name = "FetchEdges";

    /// <summary>The function.</summary>
    [Function(Name)]
    public Task<EdgeSummary> RunAsync([ActivityTrigger] EdgeWork work, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FetchAsync(work, context.CancellationToken);
    }

    /// <summary>Does the work; callable without a Functions host.</summary>
    public async Task<EdgeSummary> FetchAsync(EdgeWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var granted = EdgeWork.WeightOf(work.Missing, work.HeadDone);
        var missing = CoverageSet.Of(work.Missing);
        var headDone = work.HeadDone;
        var staged = new List<StagedPage>();
        using var grant = await GrantedSend.OpenAsync(exchange, time, work.Rule, work.ServerOffset, work.SendFrom, work.SendBy, cancellationToken);
        var session = grant.Session;
        if (grant.Expired)
            return new EdgeSummary(false, headDone, staged, missing.Ranges, 0, 0, granted, Weight.ExchangeFeedback.None);
        var sent = 0;
        var requests = 0;
        try
        {
            if (!headDone)
            {
                var head = EdgePages.Head(missing);
                sent += head.Weight;
                requests++;
                var klines = await session.Client.GetKlinesAsync(work.Symbol, head.StartTimeMs, head.EndTimeMs, head.Limit, grant.Token);
                var span = EdgePages.HeadSpan(missing, klines.Count, klines.Count > 0 ? klines[^1].OpenTimeUtc : null);
                staged.Add(await StageAsync(work, "head", span, head.Limit, klines, session, cancellationToken));
                missing = missing.Subtract(span);
                headDone = true;
            }
            if (EdgePages.NeedsTail(missing))
            {
                var tail = EdgePages.Tail(missing);
                sent += tail.Weight;
                requests++;
                var klines = await session.Client.GetKlinesAsync(work.Symbol, tail.StartTimeMs, tail.EndTimeMs, tail.Limit, grant.Token);
                var span = EdgePages.TailSpan(missing, klines.Count, klines.Count > 0 ? klines[0].OpenTimeUtc : null);
                staged.Add(await StageAsync(work, "tail", span, tail.Limit, klines, session, cancellationToken));
                missing = missing.Subtract(span);
            }
            return new EdgeSummary(true, headDone, staged, missing.Ranges, sent, requests, granted - sent, session.Recorder.Feedback);
        }
        catch (Exception e) when (grant.Stops(e))
        {
            // The request that met the stop may have left: its weight stays spent, the edge is fetched again later.
            return new EdgeSummary(false, headDone, staged, missing.Ranges, sent, requests, granted - sent, session.Recorder.Feedback);
        }
        catch (BinanceApiException e)
        {
            // Not transient (e.g. the exchange refuses the symbol): nothing more is fetched for it this run.
            return new EdgeSummary(true, headDone, staged, missing.Ranges, sent, requests, granted - sent, session.Recorder.Feedback, e.Message);
        }
    }

    private async Task<StagedPage> StageAsync(
        EdgeWork work, string edge, UtcRange span, int limit, IReadOnlyList<Kline> klines, ExchangeSession session, CancellationToken cancellationToken)
    {
        var candles = KlineFilter.ClosedCandles(work.Symbol, new KlinePage(span, limit, 0), klines, session.Governor.ServerNow());
        var name = StagingNames.ForEdge(work.InstanceId, work.Symbol, edge);
        await staging.WriteAsync(name, candles, cancellationToken);
        return new StagedPage(name, span, candles.Count);
    }
}
