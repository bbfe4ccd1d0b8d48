using CandleFunctions.Binance.RateLimiting;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Core.Planning;

namespace CandleFunctions.Sync;

/// <summary>
/// Fetches a symbol's missing ranges from REST under the weight governor. The first and last pages double
/// as the "first candle at or after start" and "last closed candle before end" probes, so finding where
/// the symbol traded costs no extra weight; the rest is paged in batches, each committed durably.
/// </summary>
internal sealed class RestPhase(
    BinanceFuturesClient client,
    SemaphoreSlim requests,
    SyncOptions options,
    WeightGovernor governor,
    SymbolWriter writer)
{
    private static readonly TimeSpan Minute = MinuteTime.OneMinute;

    /// <summary>Pages that failed after retries (their ranges stay missing), or the probe error that stopped the symbol.</summary>
    public sealed record Outcome(IReadOnlyList<string> Errors, bool ProbeFailed);

    public async Task<Outcome> RunAsync(string symbol, CoverageSet missing, FetchTally tally, CancellationToken cancellationToken)
    {
        // Where the first missing range has no candles (before listing, relisting) the head page skips to the first one.
        var (head, headError) = await TryFetchAsync(() => ProbeHeadAsync(symbol, missing, cancellationToken));
        if (head is null)
            return new Outcome([headError!], ProbeFailed: true);
        await writer.CommitAsync(symbol, head.Span, head.Candles, tally, cancellationToken);
        missing = missing.Subtract(head.Span);

        if (EdgePages.NeedsTail(missing))
        {
            var (tail, tailError) = await TryFetchAsync(() => ProbeTailAsync(symbol, missing, cancellationToken));
            if (tail is null)
                return new Outcome([tailError!], ProbeFailed: true);
            await writer.CommitAsync(symbol, tail.Span, tail.Candles, tally, cancellationToken);
            missing = missing.Subtract(tail.Span);
        }

        var errors = new List<string>();
        foreach (var batch in KlinePager.Pages(missing).Chunk(options.PagesPerCommit))
        {
            // A ban must stop the batch's other pages at once: left waiting for weight, they would sit out the whole ban.
            using var batchStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var results = await Task.WhenAll(batch.Select(page => FetchPageAsync(symbol, page, batchStop)));
            errors.AddRange(results.Where(r => r.Error is not null).Select(r => $"{r.Page.Range}: {r.Error}"));
            var done = results.Where(r => r.Error is null).ToList();
            if (done.Count == 0)
                continue;
            var candles = done.SelectMany(r => r.Candles).OrderBy(c => c.Timestamp).DistinctBy(c => c.Timestamp).ToList();
            await writer.CommitAsync(symbol, CoverageSet.Of(done.Select(r => r.Page.Range)), candles, tally, cancellationToken);
        }
        return new Outcome(errors, ProbeFailed: false);
    }

    /// <summary>True for failures that retrying did not fix: they fail a page or a symbol, never the run.</summary>
    public static bool IsFetchFailure(Exception e) =>
        e is BinanceApiException or HttpRequestException or TimeoutException or IOException or System.Text.Json.JsonException
            or Polly.Timeout.TimeoutRejectedException or TransientResponseException
        && e is not InvalidSymbolException;

    /// <summary>
    /// The first page of <paramref name="missing"/>, sized to its first range but bounded by the end of the
    /// whole missing span. Everything from the span's start to the end of what came back (or to the span's
    /// end, if less than the limit came back) is then known.
    /// </summary>
    private async Task<Fetched> ProbeHeadAsync(string symbol, CoverageSet missing, CancellationToken cancellationToken)
    {
        var head = EdgePages.Head(missing);
        var klines = await WithSlotAsync(
            () => client.GetKlinesAsync(symbol, head.StartTimeMs, head.EndTimeMs, head.Limit, cancellationToken),
            cancellationToken);
        var span = EdgePages.HeadSpan(missing, klines.Count, klines.Count > 0 ? klines[^1].OpenTimeUtc : null);
        return new Fetched(CoverageSet.Of(span), Closed(symbol, klines, span));
    }

    /// <summary>
    /// The last page of <paramref name="missing"/> (endTime only, sized to its last range): the last candles
    /// before its end. Everything from the first of them (or from the span's start, if less than the limit
    /// came back) to the end is known.
    /// </summary>
    private async Task<Fetched> ProbeTailAsync(string symbol, CoverageSet missing, CancellationToken cancellationToken)
    {
        var tail = EdgePages.Tail(missing);
        var klines = await WithSlotAsync(
            () => client.GetKlinesAsync(symbol, tail.StartTimeMs, tail.EndTimeMs, tail.Limit, cancellationToken),
            cancellationToken);
        var span = EdgePages.TailSpan(missing, klines.Count, klines.Count > 0 ? klines[0].OpenTimeUtc : null);
        return new Fetched(CoverageSet.Of(span), Closed(symbol, klines, span));
    }

    private async Task<PageResult> FetchPageAsync(string symbol, KlinePage page, CancellationTokenSource batchStop)
    {
        var cancellationToken = batchStop.Token;
        try
        {
            var klines = await WithSlotAsync(
                () => client.GetKlinesAsync(symbol, page.StartTimeMs, page.EndTimeMs, page.Limit, cancellationToken), cancellationToken);
            return new PageResult(page, Closed(symbol, klines, page.Range), null);
        }
        catch (IpBannedException)
        {
            await batchStop.CancelAsync();
            throw;
        }
        catch (Exception e) when (IsFetchFailure(e))
        {
            return new PageResult(page, [], e.Message);
        }
    }

    /// <summary>Closed, minute-aligned candles inside <paramref name="range"/>: the one containing "now" is still moving.</summary>
    private List<Candle> Closed(string symbol, IReadOnlyList<Kline> klines, UtcRange range)
    {
        var serverNow = governor.ServerNow();
        return klines
            .Where(k => range.Contains(k.OpenTimeUtc) && k.OpenTime % 60_000 == 0)
            .Where(k => DateTimeOffset.FromUnixTimeMilliseconds(k.CloseTime) < serverNow)
            .Select(k => k.ToCandle(symbol))
            .ToList();
    }

    private static async Task<(Fetched? Fetched, string? Error)> TryFetchAsync(Func<Task<Fetched>> fetch)
    {
        try
        {
            return (await fetch(), null);
        }
        catch (Exception e) when (IsFetchFailure(e))
        {
            return (null, e.Message);
        }
    }

    private async Task<T> WithSlotAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        await requests.WaitAsync(cancellationToken);
        try
        {
            return await call();
        }
        finally
        {
            requests.Release();
        }
    }

    private sealed record PageResult(KlinePage Page, IReadOnlyList<Candle> Candles, string? Error);

    /// <summary>Candles from the exchange and the span they prove complete.</summary>
    private sealed record Fetched(CoverageSet Span, IReadOnlyList<Candle> Candles);
}
