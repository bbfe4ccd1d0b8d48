using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Core.Planning;
using CandleFunctions.Core.Symbols;
using CandleFunctions.Exchange;
using CandleFunctions.Orchestration;
using CandleFunctions.Storage;
using CandleFunctions.Storage.Csv;
using CandleFunctions.Storage.Ledger;
using CandleFunctions.Storage.Symbols;
using CandleFunctions.Stores;
using CandleFunctions.Sync;
using CandleFunctions.Sync.Input;
using CandleFunctions.Sync.Adoption;
using CandleFunctions.Sync.Summary;
using CandleFunctions.Binance.Archive;
using Microsoft.Azure.Functions.Worker;

namespace CandleFunctions.Activities;

/// <summary>
/// Plans a run: the symbol list, exchangeInfo once (rule, server clock, listings), the range clamped to the last closed
/// minute, and per symbol what the ledger lacks; symbols with nothing to fetch are settled here.
/// </summary>
public sealed class PlanSyncActivity(
    ExchangeClientFactory exchange,
    CandleStores stores,
    ISymbolListSource symbolList,
    OrchestrationLimits limits,
    TimeProvider time,
    StorageSetup setup,
    ArchiveAccess archive)
{
    /// <summary>The activity's function name.</summary>
    public const string Name = "PlanSync";

    /// <summary>The function.</summary>
    [Function(Name)]
    public Task<SyncPlan> RunAsync([ActivityTrigger] PlanRequest request, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PlanAsync(request, context.CancellationToken);
    }

    /// <summary>Does the work; callable without a Functions host.</summary>
    public async Task<SyncPlan> PlanAsync(PlanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = request.Input;
        if (time.GetUtcNow() >= request.SendBy)
            return SyncPlan.Expired(limits);
        await setup.EnsureAsync(cancellationToken);
        IReadOnlyList<string> symbols;
        try
        {
            symbols = input.Symbols ?? await symbolList.ReadAsync(cancellationToken);
        }
        catch (InputException e)
        {
            // Retrying cannot fix the file: the run fails at once with the message.
            return SyncPlan.Expired(limits) with { Sent = true, Error = e.Message };
        }
        if (symbols.Count == 0)
            return SyncPlan.Expired(limits) with { Sent = true, Error = "The symbols file lists no symbols in its binance_symbol column." };
        if (input.MaxSymbols is { } max)
            symbols = symbols.Take(max).ToList();

        using var session = exchange.Open(null, TimeSpan.Zero);
        var info = await session.Client.GetExchangeInfoAsync(cancellationToken);
        // As the CLI does: the entity's windows are placed by this offset, so a slow first round trip must not set it.
        await session.Client.RefineServerClockAsync(SyncOptions.DefaultClockSamples, cancellationToken);
        var serverNow = session.Governor.ServerNow();
        var offset = serverNow - time.GetUtcNow();
        UtcRange range;
        try
        {
            range = SyncEngine.ResolveRange(new SyncRequest(symbols, input.Start, input.End), serverNow);
        }
        catch (ArgumentException e)
        {
            return new SyncPlan(true, null, session.Governor.Rule, offset, symbols, [], [], limits, session.Recorder.Feedback, e.Message)
            {
                WeightUsed = session.Governor.WeightReserved,
                Requests = session.Governor.Requests,
            };
        }

        var work = new List<SymbolWork>();
        var settled = new List<SymbolSummary>();
        var repairs = new Dictionary<string, SummaryRepairs>(StringComparer.Ordinal);
        using var archiveClient = limits.UseArchive ? archive.NewClient() : null;
        var archiveSource = archiveClient is null ? null : new ArchiveSource(new ArchivePlanner(archive.Options), archiveClient, archive.NewListing());
        var zones = SourceClockArgument.SystemZones();
        var adopter = new SymbolAdopter(new ExchangeSampler(session.Client, session.Governor, archiveSource), zones);
        // A symbol exchangeInfo no longer lists: REST would refuse it, the archive alone has its history.
        var archiveAdopter = new SymbolAdopter(new ExchangeSampler(null, session.Governor, archiveSource), zones);
        foreach (var symbol in symbols)
        {
            // A file nothing vouches for yet (the notebook's) is verified and repaired before any of its rows counts.
            var listed = info.Symbols.TryGetValue(symbol, out var listing);
            var adoption = (listed && !SymbolEligibility.Check(listing!).Syncable) || (!listed && archiveSource is null) ? null
                : await AdoptAsync(listed ? adopter : archiveAdopter, symbol, cancellationToken);
            if (adoption is { } adopted)
            {
                repairs[symbol] = SummaryRepairs.From(adopted)!;
                if (adopted.Unrecognisable)
                {
                    settled.Add(SymbolSummary.Settled(symbol, SymbolOutcome.Failed,
                        $"{symbol}.csv has no ledger and is {adopted.Plan.Describe()}"));
                    continue;
                }
            }
            var planned = await PlanSymbolAsync(symbol, info.Symbols, range, input.TopUp, cancellationToken);
            if (planned.Summary is { } summary)
                settled.Add(summary);
            else
                work.Add(new SymbolWork(symbol, planned.Requested, planned.Tradable, planned.Missing, session.Governor.Rule, offset, limits, planned.ArchiveOnly)
                {
                    StoredFirst = planned.StoredFirst,
                    StoredLast = planned.StoredLast,
                });
        }
        return new SyncPlan(true, range, session.Governor.Rule, offset, symbols, work, settled, limits, session.Recorder.Feedback)
        {
            Repairs = repairs,
            WeightUsed = session.Governor.WeightReserved,
            Requests = session.Governor.Requests,
        };
    }

    private async Task<AdoptionOutcome?> AdoptAsync(SymbolAdopter adopter, string symbol, CancellationToken cancellationToken)
    {
        if (!SymbolName.IsValid(symbol) || stores.Primary is not IRepairableStore repairable)
            return null;
        try
        {
            if (!(await repairable.InspectAsync(symbol, cancellationToken)).NeedsAdoption)
                return null;
            return await adopter.VerifyAsync(repairable, symbol, null, apply: true, cancellationToken);
        }
        catch (Exception e) when (e is CorruptCandleFileException or CorruptLedgerException or IOException or UnauthorizedAccessException)
        {
            // Planning the symbol reads the same file and settles it as failed with the message.
            return null;
        }
    }

    private async Task<Planned> PlanSymbolAsync(
        string symbol, IReadOnlyDictionary<string, ExchangeSymbol> listings, UtcRange range, bool topUp, CancellationToken cancellationToken)
    {
        if (SymbolName.Problem(symbol) is { } problem)
            return Settle(symbol, SymbolOutcome.Failed, $"'{symbol}' is not a valid symbol name: {problem}");
        if (!listings.TryGetValue(symbol, out var listing))
        {
            // Delisted long ago: the public archive may still have its history (the symbol's orchestration finds out).
            return limits.UseArchive
                ? new Planned(null, range, range, [], ArchiveOnly: true)
                : Settle(symbol, SymbolOutcome.Unknown, "exchangeInfo does not list it (delisted long ago, or misspelt); the archive is off");
        }
        var eligibility = SymbolEligibility.Check(listing);
        if (!eligibility.Syncable)
            return Settle(symbol, SymbolOutcome.Skipped, eligibility.Reason);
        try
        {
            var stored = await stores.Primary.LoadAsync(symbol, cancellationToken);
            var requested = range;
            if (topUp && stored.Last is { } last)
            {
                // A top-up extends each symbol from its last stored candle; holes inside are left to full syncs.
                var from = last + MinuteTime.OneMinute;
                if (from >= range.End)
                    return Settle(symbol, SymbolOutcome.UpToDate, null, StoredSpan(stored, range));
                requested = new UtcRange(from > range.Start ? from : range.Start, range.End);
            }
            var tradingEnd = SymbolEligibility.TradingEnd(listing);
            if (SymbolSpan.Tradable(requested, tradingEnd) is not { } tradable)
            {
                await stores.CommitEmptyAsync(symbol, CoverageSet.Of(requested), cancellationToken);
                return Settle(symbol, SymbolOutcome.NoData, $"delisted at {MinuteTime.Ceiling(tradingEnd!.Value):yyyy-MM-dd HH:mm} UTC, before the range");
            }
            // After its delisting a symbol has no trades: known empty, as the CLI records it.
            if (tradable.End < requested.End)
                await stores.CommitEmptyAsync(symbol, CoverageSet.Of(new UtcRange(tradable.End, requested.End)), cancellationToken);
            var missing = CoverageSet.Of(tradable).Subtract(stored.Covered);
            if (missing.IsEmpty)
                return Settle(symbol, SymbolOutcome.UpToDate, null, StoredSpan(stored, tradable));
            return new Planned(null, requested, tradable, missing.Ranges) { StoredFirst = stored.First, StoredLast = stored.Last };
        }
        catch (Exception e) when (e is CorruptCandleFileException or CorruptLedgerException or IOException or UnauthorizedAccessException)
        {
            return new Planned(
                new SymbolSummary(symbol, SymbolOutcome.Failed, null, 0, [], [e.Message], "stored data could not be read or written; nothing was overwritten"),
                range, range, []);
        }

        Planned Settle(string s, SymbolOutcome outcome, string? reason, UtcRange? listed = null) =>
            new(SymbolSummary.Settled(s, outcome, reason, listed), range, range, []);
    }

    private static UtcRange? StoredSpan(StoredSymbol stored, UtcRange range) =>
        stored.First is { } first && stored.Last is { } last
            ? new UtcRange(first, last + MinuteTime.OneMinute).Intersect(range)
            : null;

    private sealed record Planned(SymbolSummary? Summary, UtcRange Requested, UtcRange Tradable, IReadOnlyList<UtcRange> Missing, bool ArchiveOnly = false)
    {
        public DateTimeOffset? StoredFirst { get; init; }

        public DateTimeOffset? StoredLast { get; init; }
    }
}
