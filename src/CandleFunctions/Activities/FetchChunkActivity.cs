using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.Planning;
using CandleFunctions.Exchange;
using CandleFunctions.Staging;
using Microsoft.Azure.Functions.Worker;

namespace CandleFunctions.Activities;

/// <summary>
/// Fetches a chunk's pages one after the other and stages each, from the grant's start (<see cref="GrantedSend"/>);
/// stops at its deadline, a 429 or a 418 and hands the rest back. Transient faults throw, so the orchestrator's RetryPolicy runs it again; pages already
/// staged are then skipped, so a retry only re-sends the page that failed.
/// </summary>
public sealed class FetchChunkActivity(ExchangeClientFactory exchange, IChunkStaging staging, TimeProvider time)
{
    /// <summary>The activity's function name.</summary>
    public const string Name = "FetchChunk";

    /// <summary>The function.</summary>
    [Function(Name)]
    public Task<ChunkSummary> RunAsync([ActivityTrigger] ChunkWork work, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FetchAsync(work, context.CancellationToken);
    }

    /// <summary>Does the work; callable without a Functions host.</summary>
    public async Task<ChunkSummary> FetchAsync(ChunkWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var grant = await GrantedSend.OpenAsync(exchange, time, work.Rule, work.ServerOffset, work.SendFrom, work.SendBy, cancellationToken);
        var session = grant.Session;
        var staged = new List<StagedPage>();
        var sent = 0;
        var requests = 0;
        for (var i = 0; i < work.Pages.Count; i++)
        {
            var page = work.Pages[i];
            var name = StagingNames.ForPage(work.InstanceId, work.Symbol, page);
            if (await staging.ReadAsync(name, work.Symbol, cancellationToken) is { } done)
            {
                staged.Add(new StagedPage(name, page.Range, done.Count));
                continue;
            }
            if (grant.Expired)
                return Stop(i, i);
            try
            {
                requests++;
                sent += page.Weight;
                var klines = await session.Client.GetKlinesAsync(work.Symbol, page.StartTimeMs, page.EndTimeMs, page.Limit, grant.Token);
                var candles = KlineFilter.ClosedCandles(work.Symbol, page, klines, session.Governor.ServerNow());
                await staging.WriteAsync(name, candles, cancellationToken);
                staged.Add(new StagedPage(name, page.Range, candles.Count));
            }
            catch (Exception e) when (grant.Stops(e))
            {
                // The request that met the stop may have left: its weight stays spent, the page is fetched again later.
                return Stop(i, i + 1);
            }
            catch (BinanceApiException e)
            {
                // Not transient (e.g. an unknown symbol): these pages stay missing; the next run tries again.
                return new ChunkSummary(work.ChunkIndex, staged, [], Weight(work.Pages, i + 1), sent, requests, session.Recorder.Feedback, e.Message);
            }
        }
        return new ChunkSummary(work.ChunkIndex, staged, [], 0, sent, requests, session.Recorder.Feedback);

        ChunkSummary Stop(int requeueFrom, int unsentFrom) =>
            new(work.ChunkIndex, staged, work.Pages.Skip(requeueFrom).ToList(), Weight(work.Pages, unsentFrom), sent, requests, session.Recorder.Feedback);
    }

    private static int Weight(IReadOnlyList<KlinePage> pages, int from) => pages.Skip(from).Sum(p => p.Weight);
}
