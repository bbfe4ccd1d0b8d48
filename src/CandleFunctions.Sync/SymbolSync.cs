using CandleFunctions.Binance.RateLimiting;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Core.Planning;
using CandleFunctions.Core.Symbols;
using CandleFunctions.Storage;
using CandleFunctions.Storage.Csv;
using CandleFunctions.Storage.Ledger;
using CandleFunctions.Storage.Symbols;

namespace CandleFunctions.Sync;

/// <summary>
/// One symbol's sync: find where it really traded inside the range (two weight-1 probes), subtract
/// what the ledger already covers, fetch the rest in pages, and commit each batch durably.
/// </summary>
internal sealed class SymbolSync(
    BinanceFuturesClient client,
    ICandleStore store,
    SemaphoreSlim requests,
    SyncOptions options,
    WeightGovernor governor,
    ISyncProgress progress)
{
    private static readonly TimeSpan Minute = MinuteTime.OneMinute;

    public async Task<SymbolReport> RunAsync(string symbol, ExchangeInfo info, UtcRange requested, CancellationToken cancellationToken)
    {
        try
        {
            SymbolName.Validate(symbol);
        }
        catch (InvalidSymbolNameException e)
        {
            return Report(symbol, SymbolOutcome.Failed, reason: e.Message);
        }
        if (!info.Symbols.TryGetValue(symbol, out var listing))
            return Report(symbol, SymbolOutcome.Unknown, reason: "exchangeInfo does not list it (delisted long ago, or misspelt)");
        var eligibility = SymbolEligibility.Check(listing);
        if (!eligibility.Syncable)
            return Report(symbol, SymbolOutcome.Skipped, reason: eligibility.Reason);

        try
        {
            return await SyncAsync(symbol, listing, requested, cancellationToken);
        }
        catch (Exception e) when (e is CorruptCandleFileException or CorruptLedgerException or IOException or UnauthorizedAccessException)
        {
            return Report(symbol, SymbolOutcome.Failed, errors: [e.Message], reason: "stored data could not be read or written; nothing was overwritten");
        }
        catch (InvalidSymbolException e)
        {
            return Report(symbol, SymbolOutcome.Failed, errors: [e.Message], reason: "the exchange refused the symbol");
        }
        catch (Exception e) when (e is BinanceApiException or HttpRequestException or TimeoutException or System.Text.Json.JsonException
                                       or Polly.Timeout.TimeoutRejectedException or TransientResponseException)
        {
            // A probe that fails after all retries fails this symbol only, not the whole run.
            return Report(symbol, SymbolOutcome.Failed, errors: [e.Message], reason: "the exchange kept failing after retries; the next run tries again");
        }
    }

    private async Task<SymbolReport> SyncAsync(string symbol, ExchangeSymbol listing, UtcRange requested, CancellationToken cancellationToken)
    {
        var tradingEnd = SymbolEligibility.TradingEnd(listing) is { } end ? MinuteTime.Ceiling(end) : (DateTimeOffset?)null;
        var stored = await store.LoadAsync(symbol, cancellationToken);
        if (tradingEnd is { } delisted && delisted <= requested.Start)
        {
            await CommitEmptyAsync(symbol, stored.Covered, CoverageSet.Of(requested), cancellationToken);
            return Report(symbol, SymbolOutcome.NoData, reason: $"delisted at {delisted:yyyy-MM-dd HH:mm} UTC, before the range");
        }

        // A delisted symbol stops at its delisting: the flat zero-volume candles served after it are not trades.
        var range = tradingEnd is { } stop && stop < requested.End ? new UtcRange(requested.Start, stop) : requested;
        var missing = CoverageSet.Of(range).Subtract(stored.Covered);
        if (missing.IsEmpty)
            return Report(symbol, SymbolOutcome.UpToDate, listed: StoredSpan(stored, range));

        var life = await ProbeLifeAsync(symbol, range, cancellationToken);
        if (life is null)
        {
            await CommitEmptyAsync(symbol, stored.Covered, CoverageSet.Of(requested), cancellationToken);
            return Report(symbol, SymbolOutcome.NoData, reason: "the exchange has no candles for it in this range");
        }

        // Outside its life (before listing, after the last candle or delisting) the exchange verifiably has nothing.
        var knownEmpty = CoverageSet.Of(requested).Subtract(life.Value);
        await CommitEmptyAsync(symbol, stored.Covered, knownEmpty, cancellationToken);
        missing = missing.Intersect(life.Value);
        progress.SymbolPlanned(symbol, (long)missing.Duration.TotalMinutes);

        var pages = KlinePager.Pages(missing).ToList();
        var fetched = new List<UtcRange>();
        var errors = new List<string>();
        long added = 0;
        foreach (var batch in pages.Chunk(options.PagesPerCommit))
        {
            // A ban must stop the batch's other pages at once: left waiting for weight, they would sit out the whole ban.
            using var batchStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var results = await Task.WhenAll(batch.Select(page => FetchPageAsync(symbol, page, batchStop)));
            var done = results.Where(r => r.Error is null).ToList();
            errors.AddRange(results.Where(r => r.Error is not null).Select(r => $"{r.Page.Range}: {r.Error}"));
            if (done.Count == 0)
                continue;
            var candles = done.SelectMany(r => r.Candles).OrderBy(c => c.Timestamp).DistinctBy(c => c.Timestamp).ToList();
            var covered = CoverageSet.Of(done.Select(r => r.Page.Range));
            var result = await store.CommitAsync(symbol, candles, covered, cancellationToken);
            added += result.Added;
            fetched.AddRange(covered.Ranges);
            progress.CandlesCommitted(symbol, result.Added, (long)covered.Duration.TotalMinutes);
        }

        var outcome = errors.Count == 0 ? SymbolOutcome.Synced : SymbolOutcome.Failed;
        return Report(symbol, outcome, life, added, CoverageSet.Of(fetched).Ranges, errors,
            errors.Count == 0 ? null : "some pages failed after retries; their ranges stay missing and the next run fetches them");
    }

    /// <summary>
    /// [first candle, last closed candle + 1 minute) within <paramref name="range"/>, or null when the
    /// exchange has none there. onboardDate alone is not trusted (relisted symbols).
    /// </summary>
    private async Task<UtcRange?> ProbeLifeAsync(string symbol, UtcRange range, CancellationToken cancellationToken)
    {
        var startMs = range.Start.ToUnixTimeMilliseconds();
        var endMs = range.End.ToUnixTimeMilliseconds() - 1;
        var first = await WithSlotAsync(() => client.GetKlinesAsync(symbol, startMs, endMs, 1, cancellationToken), cancellationToken);
        if (first.Count == 0)
            return null;
        var last = await WithSlotAsync(() => client.GetKlinesAsync(symbol, null, endMs, 1, cancellationToken), cancellationToken);
        var lastOpen = last.Count == 0 ? first[0].OpenTime : Math.Max(last[0].OpenTime, first[0].OpenTime);
        return new UtcRange(first[0].OpenTimeUtc, DateTimeOffset.FromUnixTimeMilliseconds(lastOpen) + Minute);
    }

    private async Task<PageResult> FetchPageAsync(string symbol, KlinePage page, CancellationTokenSource batchStop)
    {
        var cancellationToken = batchStop.Token;
        try
        {
            var klines = await WithSlotAsync(
                () => client.GetKlinesAsync(symbol, page.StartTimeMs, page.EndTimeMs, page.Limit, cancellationToken), cancellationToken);
            var serverNow = governor.ServerNow();
            var candles = klines
                .Where(k => page.Range.Contains(k.OpenTimeUtc) && k.OpenTime % 60_000 == 0)
                // Only closed candles: the one containing "now" is still moving.
                .Where(k => DateTimeOffset.FromUnixTimeMilliseconds(k.CloseTime) < serverNow)
                .Select(k => k.ToCandle(symbol))
                .ToList();
            return new PageResult(page, candles, null);
        }
        catch (IpBannedException)
        {
            await batchStop.CancelAsync();
            throw;
        }
        catch (Exception e) when (e is BinanceApiException or HttpRequestException or TimeoutException or IOException or System.Text.Json.JsonException
                                       or Polly.Timeout.TimeoutRejectedException or TransientResponseException)
        {
            if (e is InvalidSymbolException)
                throw;
            return new PageResult(page, [], e.Message);
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

    private async Task CommitEmptyAsync(string symbol, CoverageSet alreadyCovered, CoverageSet empty, CancellationToken cancellationToken)
    {
        var news = empty.Subtract(alreadyCovered);
        if (!news.IsEmpty)
            await store.CommitAsync(symbol, [], news, cancellationToken);
    }

    private static UtcRange? StoredSpan(StoredSymbol stored, UtcRange range) =>
        stored.First is { } first && stored.Last is { } last
            ? new UtcRange(first, last + Minute).Intersect(range)
            : null;

    private static SymbolReport Report(
        string symbol,
        SymbolOutcome outcome,
        UtcRange? listed = null,
        long added = 0,
        IReadOnlyList<UtcRange>? fetched = null,
        IReadOnlyList<string>? errors = null,
        string? reason = null) =>
        new(symbol, outcome, listed, added, fetched ?? [], errors ?? [], reason);

    private sealed record PageResult(KlinePage Page, IReadOnlyList<Candle> Candles, string? Error);
}
