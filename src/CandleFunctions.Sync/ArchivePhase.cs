using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage;

namespace CandleFunctions.Sync;

/// <summary>
/// Fills whole months and days of a symbol's missing ranges from the public archive (no API weight).
/// Files are downloaded ahead (each symbol at work its share of the client's total bound, so downloads overlap across symbols)
/// but committed in order, one durable commit per whole verified file, so the CSV mostly grows by appends and
/// memory holds a bounded number of parsed files. A missing or bad file just leaves its range for REST.
/// </summary>
internal sealed class ArchivePhase(ArchiveSource archive, SymbolWriter writer, int symbolsAtOnce)
{
    private const long MinutesPerMonth = 31 * 24 * 60;

    // Daily files are small: up to a month of them may wait; a commit takes at most about a month of candles.
    private const int MaxFilesAhead = 32;
    private const long CandlesPerCommit = MinutesPerMonth;

    /// <summary>What the archive proved complete, the files used, and the ranges it could not supply.</summary>
    public sealed record Outcome(CoverageSet Covered, int Files, IReadOnlyList<string> Problems);

    /// <summary>Whole published months and days of <paramref name="missing"/>; the rest is left to REST.</summary>
    public IReadOnlyList<ArchiveJob> Plan(string symbol, CoverageSet missing, DateTimeOffset now) =>
        archive.Planner.Plan(symbol, missing, now).Jobs;

    /// <summary>For a symbol only the archive still has: see <see cref="ArchiveSoleSource.Plan"/>.</summary>
    public static (IReadOnlyList<ArchiveJob> Jobs, CoverageSet Gaps) PlanSoleSource(
        string symbol, CoverageSet missing, IReadOnlySet<DateOnly> months, IReadOnlySet<DateOnly> days) =>
        ArchiveSoleSource.Plan(symbol, missing, months, days);

    /// <summary>
    /// Downloads and commits <paramref name="jobs"/>. When <paramref name="soleSource"/> is true, days a
    /// verified file has no rows for count as known empty (nothing else could have them).
    /// </summary>
    public async Task<Outcome> RunAsync(
        string symbol, IReadOnlyList<ArchiveJob> jobs, bool soleSource, FetchTally tally, CancellationToken cancellationToken)
    {
        var covered = CoverageSet.Empty;
        var problems = new List<string>();
        var files = 0;
        if (jobs.Count == 0)
            return new Outcome(covered, files, problems);

        // Keep downloads ahead of the commit cursor, bounded in files and in minutes (each holds a parsed file): each
        // symbol at work keeps its share of the client's downloads in flight, so that a slow link's round trips overlap
        // across symbols; the client bounds the total.
        var window = new Queue<Task<ArchiveFetchResult>>();
        var windowMinutes = 0L;
        var aheadMinutes = archive.Client.MonthsAheadPerSymbol(symbolsAtOnce) * MinutesPerMonth;
        using var jobsLeft = jobs.GetEnumerator();
        var pendingJob = jobsLeft.MoveNext();
        void Refill()
        {
            while (pendingJob && window.Count < MaxFilesAhead
                && (window.Count == 0 || windowMinutes + (long)jobsLeft.Current.Range.Duration.TotalMinutes <= aheadMinutes))
            {
                window.Enqueue(writer.TakesText
                    ? archive.Client.FetchRowsAsync(jobsLeft.Current, cancellationToken)
                    : archive.Client.FetchAsync(jobsLeft.Current, cancellationToken));
                windowMinutes += (long)jobsLeft.Current.Range.Duration.TotalMinutes;
                pendingJob = jobsLeft.MoveNext();
            }
        }

        async Task<ArchiveFetchResult> NextAsync()
        {
            var result = await window.Dequeue();
            windowMinutes -= (long)result.Job.Range.Duration.TotalMinutes;
            Refill();
            return result;
        }

        Refill();
        var group = new List<ArchiveFetchResult>();
        try
        {
            while (window.Count > 0)
            {
                var result = await NextAsync();
                if (result.Status != ArchiveFetchStatus.Verified)
                {
                    await using (result)
                        Note(result, soleSource, problems);
                    continue;
                }
                // Verified files already waiting join this commit: one durable append and ledger write for many days.
                group.Add(result);
                var candles = (long)result.CandleCount;
                while (window.TryPeek(out var next) && next.IsCompletedSuccessfully && next.Result.Status == ArchiveFetchStatus.Verified
                    && candles + next.Result.CandleCount <= CandlesPerCommit)
                {
                    group.Add(await NextAsync());
                    candles += group[^1].CandleCount;
                }
                files += group.Count;
                covered = covered.Union(await CommitFilesAsync(symbol, group, soleSource, tally, cancellationToken));
                foreach (var done in group)
                    await done.DisposeAsync();
                group.Clear();
            }
        }
        finally
        {
            // On cancellation or a storage error, do not leave downloads (and their parsed candles) behind.
            foreach (var done in group)
                await done.DisposeAsync();
            foreach (var pending in window)
            {
                try
                {
                    await (await pending).DisposeAsync();
                }
                catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
                {
                    // Already failing; the temp file is deleted on close.
                }
            }
        }
        return new Outcome(covered, files, problems);
    }

    private static void Note(ArchiveFetchResult result, bool soleSource, List<string> problems)
    {
        if (result.Status == ArchiveFetchStatus.Failed)
            problems.Add($"{result.Job.FileName}: {result.FailureReason}");
        else if (result.Status == ArchiveFetchStatus.NotFound && soleSource)
            problems.Add($"{result.Job.FileName}: not in the archive");
    }

    /// <summary>
    /// Commits verified files whole, in one commit: each was parsed completely before anything is written, so a bad
    /// row leaves none of its file committed.
    /// </summary>
    private Task<CoverageSet> CommitFilesAsync(
        string symbol, List<ArchiveFetchResult> results, bool soleSource, FetchTally tally, CancellationToken cancellationToken)
    {
        var span = CoverageSet.Of(results.Select(r => r.Job.Range));
        var unconfirmed = soleSource ? CoverageSet.Empty : results.Aggregate(CoverageSet.Empty, (all, r) => all.Union(r.DaysWithoutCandles));
        if (results[0].HasRows)
            return CommitRowsAsync(symbol, results.Select(r => r.Rows).ToList(), span, unconfirmed, tally, cancellationToken);
        if (results.Count == 1)
            return CommitAsync(symbol, results[0].Candles, span, unconfirmed, tally, cancellationToken);
        var candles = new List<Candle>(results.Sum(r => r.Candles.Count));
        foreach (var result in results)
            candles.AddRange(result.Candles);
        return CommitAsync(symbol, candles, span, unconfirmed, tally, cancellationToken);
    }

    private Task<CoverageSet> CommitRowsAsync(
        string symbol, IReadOnlyList<CandleTextRows> batches, CoverageSet span, CoverageSet unconfirmed, FetchTally tally, CancellationToken cancellationToken) =>
        CommitCoveredAsync(span, unconfirmed, covered => writer.CommitRowsAsync(symbol, covered, batches, tally, cancellationToken));

    private Task<CoverageSet> CommitAsync(
        string symbol, IReadOnlyList<Candle> candles, CoverageSet span, CoverageSet unconfirmed, FetchTally tally, CancellationToken cancellationToken) =>
        CommitCoveredAsync(span, unconfirmed, covered => writer.CommitAsync(symbol, covered, candles, tally, cancellationToken));

    /// <summary>
    /// Commits what the verified files cover. Whole days a file has no rows for are left to REST to confirm: the real
    /// archive has lost days before.
    /// </summary>
    private static async Task<CoverageSet> CommitCoveredAsync(CoverageSet span, CoverageSet unconfirmed, Func<CoverageSet, Task> commit)
    {
        var covered = span.Subtract(unconfirmed);
        if (covered.IsEmpty)
            return covered;
        await commit(covered);
        return covered;
    }
}
