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
    ISyncProgress progress,
    ArchiveSource? archive)
{
    private readonly ArchivePhase? _archivePhase =
        archive is null ? null : new ArchivePhase(archive, store, progress, options.PagesPerCommit * KlinePager.DefaultPageSize);

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
        {
            if (_archivePhase is null)
                return Report(symbol, SymbolOutcome.Unknown, reason: "exchangeInfo does not list it (delisted long ago, or misspelt); the archive is off");
            return await ArchiveOnlyAsync(symbol, requested, cancellationToken);
        }
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
        if (range.End < requested.End)
            await CommitEmptyAsync(symbol, stored.Covered, CoverageSet.Of(new UtcRange(range.End, requested.End)), cancellationToken);
        var missing = CoverageSet.Of(range).Subtract(stored.Covered);
        if (missing.IsEmpty)
            return Report(symbol, SymbolOutcome.UpToDate, listed: StoredSpan(stored, range));

        var tally = new FetchTally(stored);
        var archiveFiles = 0;
        if (_archivePhase is not null)
        {
            var jobs = _archivePhase.Plan(symbol, missing, governor.ServerNow());
            var fromArchive = await _archivePhase.RunAsync(symbol, jobs, soleSource: false, tally, cancellationToken);
            archiveFiles = fromArchive.Files;
            missing = missing.Subtract(fromArchive.Covered);
            if (missing.IsEmpty)
                return Report(symbol, SymbolOutcome.Synced, tally.Listed(range), tally.Added, tally.Fetched) with { ArchiveFiles = archiveFiles };
        }

        // The first page doubles as the "first candle at or after start" probe: it jumps over any
        // stretch without candles (before listing, relisting), which is then known empty.
        var (head, headError) = await TryFetchAsync(() => ProbeHeadAsync(symbol, missing, cancellationToken));
        if (head is null)
            return ProbeFailed(symbol, range, tally, headError!);
        await CommitAsync(symbol, head, tally, cancellationToken);
        if (tally.First is null)
            return Report(symbol, SymbolOutcome.NoData, reason: "the exchange has no candles for it in this range");
        missing = missing.Subtract(head.Span);

        // The last page doubles as the "last closed candle before end" probe.
        if (missing.Duration > TimeSpan.FromMinutes(KlinePager.DefaultPageSize))
        {
            var (tail, tailError) = await TryFetchAsync(() => ProbeTailAsync(symbol, missing.Ranges[0].Start, missing.Ranges[^1].End, cancellationToken));
            if (tail is null)
                return ProbeFailed(symbol, range, tally, tailError!);
            await CommitAsync(symbol, tail, tally, cancellationToken);
            missing = missing.Subtract(tail.Span);
        }

        progress.SymbolPlanned(symbol, (long)missing.Duration.TotalMinutes);
        var errors = new List<string>();
        foreach (var batch in KlinePager.Pages(missing).Chunk(options.PagesPerCommit))
        {
            var results = await Task.WhenAll(batch.Select(page => FetchPageAsync(symbol, page, cancellationToken)));
            errors.AddRange(results.Where(r => r.Error is not null).Select(r => $"{r.Page.Range}: {r.Error}"));
            var done = results.Where(r => r.Error is null).ToList();
            if (done.Count == 0)
                continue;
            var fetched = new Fetched(
                CoverageSet.Of(done.Select(r => r.Page.Range)),
                done.SelectMany(r => r.Candles).OrderBy(c => c.Timestamp).DistinctBy(c => c.Timestamp).ToList());
            await CommitAsync(symbol, fetched, tally, cancellationToken);
        }

        var outcome = errors.Count == 0 ? SymbolOutcome.Synced : SymbolOutcome.Failed;
        return Report(symbol, outcome, tally.Listed(range), tally.Added, tally.Fetched, errors,
            errors.Count == 0 ? null : "some pages failed after retries; their ranges stay missing and the next run fetches them")
            with { ArchiveFiles = archiveFiles };
    }

    /// <summary>
    /// A symbol exchangeInfo no longer lists (delisted long ago): the public archive is its only history.
    /// What the archive's listing does not span is known empty.
    /// </summary>
    private async Task<SymbolReport> ArchiveOnlyAsync(string symbol, UtcRange requested, CancellationToken cancellationToken)
    {
        var months = (await archive!.Listing.ListMonthsAsync(symbol, cancellationToken)).ToHashSet();
        var days = (await archive.Listing.ListDaysAsync(symbol, cancellationToken)).ToHashSet();
        if (ArchiveSoleSource.Span(months, days) is not { } span)
            return Report(symbol, SymbolOutcome.Unknown, reason: "neither exchangeInfo nor the public archive knows it (misspelt?)");

        var stored = await store.LoadAsync(symbol, cancellationToken);
        var missing = CoverageSet.Of(requested).Subtract(stored.Covered);
        // Outside what the archive has ever published there is nothing: the exchange itself no longer knows the symbol.
        await CommitEmptyAsync(symbol, stored.Covered, missing.Subtract(span), cancellationToken);
        missing = missing.Intersect(span);
        var tally = new FetchTally(stored);
        if (missing.IsEmpty)
            return Report(symbol, stored.First is null ? SymbolOutcome.NoData : SymbolOutcome.UpToDate, tally.Listed(requested),
                reason: "delisted; exchangeInfo no longer lists it");

        var (jobs, gaps) = ArchivePhase.PlanSoleSource(symbol, missing, months, days);
        var outcome = await _archivePhase!.RunAsync(symbol, jobs, soleSource: true, tally, cancellationToken);
        var left = missing.Subtract(outcome.Covered);
        var problems = outcome.Problems.Concat(left.Ranges.Select(r => $"{r}: no archive file has it")).ToList();
        return Report(symbol, left.IsEmpty ? SymbolOutcome.Synced : SymbolOutcome.Failed, tally.Listed(requested), tally.Added, tally.Fetched,
            problems, "delisted; history recovered from the public archive" + (left.IsEmpty ? "" : $", with gaps no archive file covers ({gaps.Duration.TotalDays:0.#} days)"))
            with { ArchiveFiles = outcome.Files };
    }

    /// <summary>
    /// The first page of <paramref name="missing"/>, asked with the whole missing span as bounds so the
    /// exchange skips straight to the first candle. Everything from the span's start to the end of what
    /// came back (or to the span's end, if fewer than a page came back) is then known.
    /// </summary>
    private async Task<Fetched> ProbeHeadAsync(string symbol, CoverageSet missing, CancellationToken cancellationToken)
    {
        var start = missing.Ranges[0].Start;
        var end = missing.Ranges[^1].End;
        var limit = PageLimit(start, end);
        var klines = await WithSlotAsync(
            () => client.GetKlinesAsync(symbol, start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds() - 1, limit, cancellationToken),
            cancellationToken);
        var candles = Closed(symbol, klines, new UtcRange(start, end));
        var spanEnd = klines.Count >= limit ? klines[^1].OpenTimeUtc + Minute : end;
        return new Fetched(CoverageSet.Of(new UtcRange(start, spanEnd)), candles);
    }

    /// <summary>
    /// The last page before <paramref name="end"/> (endTime only): the last candles up to it. Everything
    /// from the first of them (or from <paramref name="from"/>, if fewer than a page came back) is known.
    /// </summary>
    private async Task<Fetched> ProbeTailAsync(string symbol, DateTimeOffset from, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var limit = PageLimit(from, end);
        var klines = await WithSlotAsync(
            () => client.GetKlinesAsync(symbol, null, end.ToUnixTimeMilliseconds() - 1, limit, cancellationToken),
            cancellationToken);
        var spanStart = klines.Count >= limit && klines[0].OpenTimeUtc > from ? klines[0].OpenTimeUtc : from;
        var span = new UtcRange(spanStart, end);
        return new Fetched(CoverageSet.Of(span), Closed(symbol, klines, span));
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

    private static SymbolReport ProbeFailed(string symbol, UtcRange range, FetchTally tally, string error) =>
        Report(symbol, SymbolOutcome.Failed, tally.Listed(range), tally.Added, tally.Fetched, [error],
            "could not reach the exchange for this symbol after retries; the next run continues");

    private static int PageLimit(DateTimeOffset start, DateTimeOffset end) =>
        (int)Math.Min(KlinePager.DefaultPageSize, (end - start).TotalMinutes);

    private async Task<PageResult> FetchPageAsync(string symbol, KlinePage page, CancellationToken cancellationToken)
    {
        try
        {
            var klines = await WithSlotAsync(
                () => client.GetKlinesAsync(symbol, page.StartTimeMs, page.EndTimeMs, page.Limit, cancellationToken), cancellationToken);
            return new PageResult(page, Closed(symbol, klines, page.Range), null);
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

    private static bool IsFetchFailure(Exception e) =>
        e is BinanceApiException or HttpRequestException or TimeoutException or IOException or System.Text.Json.JsonException
            or Polly.Timeout.TimeoutRejectedException or TransientResponseException
        && e is not InvalidSymbolException;

    private async Task CommitAsync(string symbol, Fetched fetched, FetchTally tally, CancellationToken cancellationToken)
    {
        var result = await store.CommitAsync(symbol, fetched.Candles, fetched.Span, cancellationToken);
        tally.Record(fetched.Span, fetched.Candles, result.Added);
        progress.CandlesCommitted(symbol, result.Added, (long)fetched.Span.Duration.TotalMinutes);
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

    /// <summary>Candles from the exchange and the span they prove complete.</summary>
    private sealed record Fetched(CoverageSet Span, IReadOnlyList<Candle> Candles);
}
