using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage;

namespace CandleFunctions.Sync;

/// <summary>
/// Fills whole months and days of a symbol's missing ranges from the public archive (no API weight).
/// Files are downloaded ahead (each symbol at work its share of the client's total bound, so downloads overlap across symbols)
/// and wait as zips, within the client's memory budget; each is parsed once when its turn comes and committed in order,
/// consecutive verified files in one durable commit (up to a month of minutes), so the CSV mostly grows by appends. A missing or bad file just leaves
/// its range for REST.
/// </summary>
internal sealed class ArchivePhase(ArchiveSource archive, SymbolWriter writer, int symbolsAtOnce)
{
    private const long MinutesPerMonth = 31 * 24 * 60;

    // Daily files are small: up to a month of them may wait; a commit takes at most about a month of minutes.
    private const int MaxFilesAhead = 32;
    private const long MinutesPerCommit = MinutesPerMonth;

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

        // Keep downloads ahead of the commit cursor, bounded in files and in minutes: each symbol at work keeps its share
        // of the client's downloads in flight, so that a slow link's round trips overlap across symbols; the client
        // bounds the total, and the bytes they hold (files wait as zips, ahead of their writer, within the client's
        // memory budget; the one being written is promoted and never waits).
        var window = new Queue<Pending>();
        var windowMinutes = 0L;
        var aheadMinutes = archive.Client.MonthsAheadPerSymbol(symbolsAtOnce) * MinutesPerMonth;
        using var jobsLeft = jobs.GetEnumerator();
        var pendingJob = jobsLeft.MoveNext();
        void Refill()
        {
            while (pendingJob && window.Count < MaxFilesAhead
                && (window.Count == 0 || windowMinutes + Minutes(jobsLeft.Current) <= aheadMinutes))
            {
                var hold = archive.Client.Memory.NewHold();
                if (window.Count == 0)
                    hold.Promote();
                window.Enqueue(new Pending(jobsLeft.Current, hold, archive.Client.DownloadAsync(jobsLeft.Current, hold, cancellationToken)));
                windowMinutes += Minutes(jobsLeft.Current);
                pendingJob = jobsLeft.MoveNext();
            }
        }

        // The next file in order, read: it is the one being written now, so its download no longer waits for memory.
        async Task<ArchiveFetchResult> NextAsync()
        {
            var next = window.Dequeue();
            next.Hold.Promote();
            var result = await ReadAsync(await next.Download, cancellationToken);
            windowMinutes -= Minutes(result.Job);
            Refill();
            return result;
        }

        Refill();
        var group = new List<ArchiveFetchResult>();
        ArchiveFetchResult? unusable = null;
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
                // The next verified files join this commit, up to a month of minutes: a month of daily files is one
                // durable append and one ledger write (not one per file, nor whatever happened to have arrived).
                group.Add(result);
                var minutes = Minutes(result.Job);
                while (window.TryPeek(out var next) && minutes + Minutes(next.Job) <= MinutesPerCommit)
                {
                    var joined = await NextAsync();
                    if (joined.Status != ArchiveFetchStatus.Verified)
                    {
                        unusable = joined;
                        break;
                    }
                    group.Add(joined);
                    minutes += Minutes(joined.Job);
                }
                files += group.Count;
                covered = covered.Union(await CommitFilesAsync(symbol, group, soleSource, tally, cancellationToken));
                foreach (var done in group)
                    await done.DisposeAsync();
                group.Clear();
                if (unusable is not null)
                {
                    Note(unusable, soleSource, problems);
                    await unusable.DisposeAsync();
                    unusable = null;
                }
            }
        }
        finally
        {
            // On cancellation or a storage error, do not leave downloads (and their zips) behind.
            foreach (var done in group)
                await done.DisposeAsync();
            if (unusable is not null)
                await unusable.DisposeAsync();
            foreach (var pending in window)
            {
                pending.Hold.Promote();
                try
                {
                    (await pending.Download).Dispose();
                }
                catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
                {
                    // Already failing; nothing is held.
                }
            }
        }
        return new Outcome(covered, files, problems);
    }

    private static long Minutes(ArchiveJob job) => (long)job.Range.Duration.TotalMinutes;

    /// <summary>
    /// Parses a downloaded file once (a zip that verified but does not read is downloaded again, as the client does),
    /// and lets go of its zip.
    /// </summary>
    private async Task<ArchiveFetchResult> ReadAsync(ArchiveDownload download, CancellationToken cancellationToken)
    {
        ArchiveFetchResult result;
        using (download)
            result = download.Read(writer.TakesText);
        if (download.Status != ArchiveFetchStatus.Verified || result.Status == ArchiveFetchStatus.Verified || download.Attempts > 1)
            return result;
        await result.DisposeAsync();
        return await archive.Client.FetchAgainAsync(download.Job, writer.TakesText, cancellationToken);
    }

    /// <summary>A file in flight: its claim on the client's memory budget and its download.</summary>
    private sealed record Pending(ArchiveJob Job, ArchiveHold Hold, Task<ArchiveDownload> Download);

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
