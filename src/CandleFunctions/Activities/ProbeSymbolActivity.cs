using System.Net;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Planning;
using CandleFunctions.Exchange;
using CandleFunctions.Stores;
using Microsoft.Azure.Functions.Worker;

namespace CandleFunctions.Activities;

/// <summary>
/// Finds a symbol's first and last candle inside its tradable range (onboardDate alone is not trusted: relistings)
/// and records the rest of the requested range as verifiably empty, exactly as the CLI does before paging.
/// </summary>
public sealed class ProbeSymbolActivity(ExchangeClientFactory exchange, CandleStores stores, TimeProvider time)
{
    /// <summary>The activity's function name.</summary>
    public const string Name = "ProbeSymbol";

    /// <summary>The function.</summary>
    [Function(Name)]
    public Task<ProbeSummary> RunAsync([ActivityTrigger] ProbeWork work, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ProbeAsync(work, context.CancellationToken);
    }

    /// <summary>Does the work; callable without a Functions host.</summary>
    public async Task<ProbeSummary> ProbeAsync(ProbeWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (time.GetUtcNow() >= work.SendBy)
            return new ProbeSummary(false, null, 0, ProbeWork.Weight, Weight.ExchangeFeedback.None);
        using var session = exchange.Open(work.Rule, work.ServerOffset);
        var endMs = work.Tradable.End.ToUnixTimeMilliseconds() - 1;
        var sent = 0;
        try
        {
            sent++;
            var first = await session.Client.GetKlinesAsync(work.Symbol, work.Tradable.Start.ToUnixTimeMilliseconds(), endMs, 1, cancellationToken);
            UtcRange? life = null;
            if (first.Count > 0)
            {
                sent++;
                var last = await session.Client.GetKlinesAsync(work.Symbol, null, endMs, 1, cancellationToken);
                life = SymbolSpan.Life(first[0].OpenTime, last.Count > 0 ? last[0].OpenTime : null);
            }
            await stores.CommitEmptyAsync(work.Symbol, SymbolSpan.KnownEmpty(work.Requested, life), cancellationToken);
            return new ProbeSummary(true, life, sent, ProbeWork.Weight - sent, session.Recorder.Feedback);
        }
        catch (BinanceApiException e) when (e.Status == HttpStatusCode.TooManyRequests)
        {
            return new ProbeSummary(false, null, sent, ProbeWork.Weight - sent, session.Recorder.Feedback);
        }
        catch (IpBannedException ban)
        {
            session.Recorder.OnBanned(ban);
            return new ProbeSummary(false, null, sent, ProbeWork.Weight - sent, session.Recorder.Feedback);
        }
        catch (BinanceApiException e)
        {
            return new ProbeSummary(true, null, sent, ProbeWork.Weight - sent, session.Recorder.Feedback, e.Message);
        }
    }
}
