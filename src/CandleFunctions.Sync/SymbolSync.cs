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
using CandleFunctions.Sync.Adoption;
using CandleFunctions.Sync.Summary;

namespace CandleFunctions.Sync;

/// <summary>
/// One symbol's sync: classify it, clamp the range to its trading life, subtract what the ledger already
/// covers, then fill the rest from the archive (whole months and days) and REST (everything else).
/// </summary>
internal sealed class SymbolSync
{
    // A file another process keeps repairing under us is left for the next run after this many tries.
    private const int MaxRepairAttempts = 3;

    private readonly ICandleStore _store;
    private readonly WeightGovernor _governor;
    private readonly ArchiveSource? _archive;
    private readonly SymbolWriter _writer;
    private readonly RestPhase _rest;
    private readonly ArchivePhase? _archivePhase;
    private readonly ISyncProgress _progress;
    private readonly SymbolAdopter _adopter;
    private readonly SymbolAdopter? _archiveAdopter;
    private readonly SyncOptions _options;

    public SymbolSync(
        BinanceFuturesClient client,
        ICandleStore store,
        SemaphoreSlim requests,
        SyncOptions options,
        WeightGovernor governor,
        ISyncProgress progress,
        ArchiveSource? archive,
        IReadOnlyList<TimeZoneInfo> zones)
    {
        _options = options;
        _adopter = new SymbolAdopter(new ExchangeSampler(client, governor, archive), zones);
        _archiveAdopter = archive is null ? null : new SymbolAdopter(new ExchangeSampler(null, governor, archive), zones);
        _store = store;
        _governor = governor;
        _archive = archive;
        _progress = progress;
        _writer = new SymbolWriter(store, progress);
        _rest = new RestPhase(client, requests, options, governor, _writer);
        _archivePhase = archive is null ? null : new ArchivePhase(archive, _writer, options.MaxConcurrentSymbols);
    }

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
            try
            {
                var adoption = await AdoptAsync(_archiveAdopter!, symbol, cancellationToken);
                if (adoption is { Unrecognisable: true })
                    return Unrecognisable(symbol, adoption);
                return await FlushedAsync(symbol, ArchiveOnlyAsync(symbol, requested, cancellationToken), cancellationToken) with { Repairs = SummaryRepairs.From(adoption) };
            }
            catch (Exception e) when (e is CorruptCandleFileException or CorruptLedgerException or IOException or UnauthorizedAccessException)
            {
                return Report(symbol, SymbolOutcome.Failed, errors: [e.Message], reason: "stored data could not be read or written; nothing was overwritten");
            }
        }
        var eligibility = SymbolEligibility.Check(listing);
        if (!eligibility.Syncable)
            return Report(symbol, SymbolOutcome.Skipped, reason: eligibility.Reason);

        try
        {
            var adoption = await AdoptAsync(_adopter, symbol, cancellationToken);
            if (adoption is { Unrecognisable: true })
                return Unrecognisable(symbol, adoption);
            return await FlushedAsync(symbol, SyncAsync(symbol, listing, requested, cancellationToken), cancellationToken) with { Repairs = SummaryRepairs.From(adoption) };
        }
        catch (Exception e) when (e is CorruptCandleFileException or CorruptLedgerException or IOException or UnauthorizedAccessException)
        {
            return Report(symbol, SymbolOutcome.Failed, errors: [e.Message], reason: "stored data could not be read or written; nothing was overwritten");
        }
        catch (InvalidSymbolException e)
        {
            return Report(symbol, SymbolOutcome.Failed, errors: [e.Message], reason: "the exchange refused the symbol");
        }
        catch (Exception e) when (RestPhase.IsFetchFailure(e))
        {
            // Any request that fails after all retries fails this symbol only, not the whole run.
            return Report(symbol, SymbolOutcome.Failed, errors: [e.Message], reason: "the exchange kept failing after retries; the next run tries again");
        }
    }

    /// <summary>Runs <paramref name="sync"/>, then writes whatever the store still holds for the symbol.</summary>
    private async Task<SymbolReport> FlushedAsync(string symbol, Task<SymbolReport> sync, CancellationToken cancellationToken)
    {
        var report = await sync;
        if (_store is IBufferedCandleStore buffered)
            await buffered.FlushAsync(symbol, cancellationToken);
        return report;
    }

    /// <summary>
    /// A file without a ledger (the old notebook's) is verified against the exchange and repaired before any of its
    /// rows counts as covered; null when there is no such file.
    /// </summary>
    /// <remarks>
    /// Another process syncing into the same container may repair the same file first: then ours is not written, and
    /// the file is looked at again. Once it has a ledger it is synced as any other; if it still has none, it is verified
    /// once more.
    /// </remarks>
    private async Task<AdoptionOutcome?> AdoptAsync(SymbolAdopter adopter, string symbol, CancellationToken cancellationToken)
    {
        if (_store is not IRepairableStore repairable)
            return null;
        for (var attempt = 1; ; attempt++)
        {
            if (!(await repairable.InspectAsync(symbol, cancellationToken)).NeedsAdoption)
                return null;
            try
            {
                return await adopter.VerifyAsync(repairable, symbol, _options.SourceClock, apply: true, cancellationToken);
            }
            catch (ChangedDuringRepairException) when (attempt < MaxRepairAttempts)
            {
            }
        }
    }

    private static SymbolReport Unrecognisable(string symbol, AdoptionOutcome adoption) =>
        Report(symbol, SymbolOutcome.Failed, reason: $"{symbol}.csv has no ledger and is {adoption.Plan.Describe()}; use --source-tz if it was written in local time")
            with { Repairs = SummaryRepairs.From(adoption) };

    private async Task<SymbolReport> SyncAsync(string symbol, ExchangeSymbol listing, UtcRange requested, CancellationToken cancellationToken)
    {
        var stored = await _store.LoadAsync(symbol, cancellationToken);
        // A delisted symbol stops at its delisting: the flat zero-volume candles served after it are not trades.
        if (SymbolSpan.Tradable(requested, SymbolEligibility.TradingEnd(listing)) is not { } range)
        {
            await _writer.CommitEmptyAsync(symbol, stored.Covered, CoverageSet.Of(requested), cancellationToken);
            return Report(symbol, SymbolOutcome.NoData, reason: $"delisted at {SymbolEligibility.TradingEnd(listing):yyyy-MM-dd HH:mm} UTC, before the range");
        }
        if (range.End < requested.End)
            await _writer.CommitEmptyAsync(symbol, stored.Covered, CoverageSet.Of(new UtcRange(range.End, requested.End)), cancellationToken);
        var missing = CoverageSet.Of(range).Subtract(stored.Covered);
        if (missing.IsEmpty)
            return Report(symbol, SymbolOutcome.UpToDate, listed: new FetchTally(stored).Listed(range));

        var tally = new FetchTally(stored);
        var archiveFiles = 0;
        var jobs = _archivePhase?.Plan(symbol, missing, _governor.ServerNow()) ?? [];
        var archiveMinutes = Minutes(CoverageSet.Of(jobs.Select(j => j.Range)));
        _progress.SymbolPlanned(symbol, new SymbolPlan(archiveMinutes, jobs.Count, Minutes(missing) - archiveMinutes));
        if (_archivePhase is not null && jobs.Count > 0)
        {
            var fromArchive = await _archivePhase.RunAsync(symbol, jobs, soleSource: false, tally, cancellationToken);
            archiveFiles = fromArchive.Files;
            missing = missing.Subtract(fromArchive.Covered);
        }

        var rest = missing.IsEmpty ? new RestPhase.Outcome([], false) : await _rest.RunAsync(symbol, missing, tally, cancellationToken);
        if (rest.ProbeFailed)
        {
            return Report(symbol, SymbolOutcome.Failed, tally.Listed(range), tally.Added, tally.Fetched, rest.Errors,
                "could not reach the exchange for this symbol after retries; the next run continues") with { ArchiveFiles = archiveFiles, MinutesWithoutCandles = tally.WithoutCandles };
        }
        if (tally.First is null)
            return Report(symbol, SymbolOutcome.NoData, reason: "the exchange has no candles for it in this range");
        var failed = rest.Errors.Count > 0;
        return Report(symbol, failed ? SymbolOutcome.Failed : SymbolOutcome.Synced, tally.Listed(range), tally.Added, tally.Fetched, rest.Errors,
            failed ? "some pages failed after retries; their ranges stay missing and the next run fetches them" : null)
            with { ArchiveFiles = archiveFiles, MinutesWithoutCandles = tally.WithoutCandles };
    }

    /// <summary>
    /// A symbol exchangeInfo no longer lists (delisted long ago): the public archive is its only history.
    /// What the archive's listing does not span is known empty.
    /// </summary>
    private async Task<SymbolReport> ArchiveOnlyAsync(string symbol, UtcRange requested, CancellationToken cancellationToken)
    {
        var months = (await _archive!.Listing.ListMonthsAsync(symbol, cancellationToken)).ToHashSet();
        var days = (await _archive.Listing.ListDaysAsync(symbol, cancellationToken)).ToHashSet();
        if (ArchiveSoleSource.Span(months, days) is not { } span)
            return Report(symbol, SymbolOutcome.Unknown, reason: "neither exchangeInfo nor the public archive knows it (misspelt?)");

        var stored = await _store.LoadAsync(symbol, cancellationToken);
        var missing = CoverageSet.Of(requested).Subtract(stored.Covered);
        // Outside what the archive has ever published there is nothing: the exchange itself no longer knows the symbol.
        await _writer.CommitEmptyAsync(symbol, stored.Covered, missing.Subtract(span), cancellationToken);
        missing = missing.Intersect(span);
        var tally = new FetchTally(stored);
        if (missing.IsEmpty)
            return Report(symbol, stored.First is null ? SymbolOutcome.NoData : SymbolOutcome.UpToDate, tally.Listed(requested),
                reason: "delisted; exchangeInfo no longer lists it");

        var (jobs, gaps) = ArchivePhase.PlanSoleSource(symbol, missing, months, days);
        _progress.SymbolPlanned(symbol, new SymbolPlan(Minutes(CoverageSet.Of(jobs.Select(j => j.Range))), jobs.Count, 0));
        var outcome = await _archivePhase!.RunAsync(symbol, jobs, soleSource: true, tally, cancellationToken);
        var left = missing.Subtract(outcome.Covered);
        var problems = outcome.Problems.Concat(left.Ranges.Select(r => $"{r}: no archive file has it")).ToList();
        return Report(symbol, left.IsEmpty ? SymbolOutcome.Synced : SymbolOutcome.Failed, tally.Listed(requested), tally.Added, tally.Fetched,
            problems, "delisted; history recovered from the public archive" + (left.IsEmpty ? "" : $", with gaps no archive file covers ({gaps.Duration.TotalDays:0.#} days)"))
            with { ArchiveFiles = outcome.Files, MinutesWithoutCandles = tally.WithoutCandles };
    }

    private static long Minutes(CoverageSet set) => (long)set.Duration.TotalMinutes;

    private static SymbolReport Report(
        string symbol,
        SymbolOutcome outcome,
        UtcRange? listed = null,
        long added = 0,
        IReadOnlyList<UtcRange>? fetched = null,
        IReadOnlyList<string>? errors = null,
        string? reason = null) =>
        new(symbol, outcome, listed, added, fetched ?? [], errors ?? [], reason);
}
