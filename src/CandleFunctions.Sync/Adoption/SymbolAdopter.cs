using CandleFunctions.Core.Adoption;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage;

namespace CandleFunctions.Sync.Adoption;

/// <summary>
/// Verifies a stored file against the exchange before any of its rows is trusted, and repairs it: reads the rows as
/// written, samples the exchange (archive first), finds the clock they were written in, checks every block's last row,
/// and rewrites the file in UTC with only what was verified or trusted. The same code serves <c>sync</c> (adoption),
/// <c>verify --deep</c> (read-only), <c>repair</c> and the Functions app.
/// </summary>
public sealed class SymbolAdopter(ExchangeSampler sampler, IReadOnlyList<TimeZoneInfo> zones)
{
    /// <summary>
    /// Verifies <paramref name="symbol"/>'s file; null when it has no data. With <paramref name="apply"/>, writes the
    /// repair (an unrecognisable file is never touched). <paramref name="clock"/> is the user's <c>--source-tz</c>.
    /// With <paramref name="everyRow"/>, once the clock is found every row is compared, not only the sample.
    /// </summary>
    public async Task<AdoptionOutcome?> VerifyAsync(
        IRepairableStore store, string symbol, SourceClock? clock, bool apply, CancellationToken cancellationToken, bool everyRow = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        var target = await store.InspectAsync(symbol, cancellationToken);
        if (!target.HasData)
            return null;
        var rows = new List<Candle>();
        await foreach (var row in store.ReadWrittenRowsAsync(symbol, cancellationToken))
            rows.Add(row);
        if (rows.Count == 0)
            return null;

        var blockEnds = AdoptionSampler.BlockEnds(rows);
        var windows = AdoptionSampler.SampleWindows(rows, blockEnds);
        // The file's last hours, against every minute any clock could put them at, find the clock; the other windows
        // are then fetched near it only (a ±14 h search for each would cost three times the weight).
        var sample = await sampler.FetchAsync(symbol, AdoptionSampler.AnyClock(windows[^1]), cancellationToken);
        var latest = ClockDetector.Detect(rows, AdoptionSampler.SampledRows(rows, [windows[^1]], blockEnds), sample, [], clock);
        var others = AdoptionPlanner.Judge(latest) == AdoptionVerdict.Unrecognisable
            ? CoverageSet.Of(windows.Select(SourceClock.Widened))
            : AdoptionSampler.NearClock(windows, latest.Clock);
        sample = sample.With(await sampler.FetchAsync(symbol, others.Subtract(sample.Known), cancellationToken));
        var match = ClockDetector.Detect(rows, AdoptionSampler.SampledRows(rows, windows, blockEnds), sample, zones, clock);
        if (AdoptionPlanner.Judge(match) != AdoptionVerdict.Unrecognisable)
        {
            var needed = AdoptionSampler.RepairWindows(rows, blockEnds, match.Clock);
            if (everyRow)
                needed = needed.Union(AdoptionSampler.EveryRow(rows, match.Clock));
            var more = needed.Subtract(sample.Known);
            if (!more.IsEmpty)
                sample = sample.With(await sampler.FetchAsync(symbol, more, cancellationToken));
        }
        var plan = AdoptionPlanner.Plan(rows, blockEnds, match, sample);
        var outcome = new AdoptionOutcome(symbol, plan, target.Ledger is not null, Applied: false, rows.Count);
        if (!apply || outcome.Unrecognisable || (target.Ledger is not null && !outcome.NeedsRepair))
            return outcome;

        await store.ReplaceAsync(symbol, plan.Candles, Covered(target.Ledger, rows, plan), cancellationToken);
        return outcome with { Applied = true };
    }

    /// <summary>
    /// The ledger after the repair: for a file without one, exactly the kept minutes; for a ledgered UTC file, the old
    /// ledger less the minutes whose rows were removed; for a ledgered file found in local time, only the kept minutes.
    /// </summary>
    private static CoverageSet Covered(CoverageSet? ledger, IReadOnlyList<Candle> rows, AdoptionPlan plan)
    {
        if (ledger is null || !plan.Match.Clock.IsUtc)
            return plan.Trusted;
        var removed = CoverageSet.Of(rows.Select(r => r.Minute)).Subtract(plan.Trusted);
        return ledger.Subtract(removed).Union(plan.Trusted);
    }
}
