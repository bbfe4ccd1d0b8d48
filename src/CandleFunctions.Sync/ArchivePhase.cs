using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage;

namespace CandleFunctions.Sync;

/// <summary>
/// Fills whole months and days of a symbol's missing ranges from the public archive (no API weight).
/// Files are downloaded a few ahead (other symbols download at the same time, up to the client's total bound)
/// but committed in order, one durable commit per whole verified file, so the CSV mostly grows by appends and
/// memory holds a bounded number of parsed files. A missing or bad file just leaves its range for REST.
/// </summary>
internal sealed class ArchivePhase(ArchiveSource archive, SymbolWriter writer, ISyncProgress progress)
{
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

        progress.SymbolPlanned(symbol, (long)CoverageSet.Of(jobs.Select(j => j.Range)).Duration.TotalMinutes);
        // Keep a few downloads ahead of the commit cursor (each holds a parsed file); the client bounds the total.
        var window = new Queue<Task<ArchiveFetchResult>>();
        using var jobsLeft = jobs.GetEnumerator();
        void Refill()
        {
            while (window.Count < archive.Client.DownloadsPerSymbol && jobsLeft.MoveNext())
                window.Enqueue(archive.Client.FetchAsync(jobsLeft.Current, cancellationToken));
        }

        Refill();
        try
        {
            while (window.Count > 0)
            {
                await using var result = await window.Dequeue();
                Refill();
                switch (result.Status)
                {
                    case ArchiveFetchStatus.Verified:
                        files++;
                        var unconfirmed = soleSource ? CoverageSet.Empty : result.DaysWithoutCandles;
                        covered = covered.Union(await CommitFileAsync(symbol, result, unconfirmed, tally, cancellationToken));
                        break;
                    case ArchiveFetchStatus.Failed:
                        problems.Add($"{result.Job.FileName}: {result.FailureReason}");
                        break;
                    case ArchiveFetchStatus.NotFound when soleSource:
                        problems.Add($"{result.Job.FileName}: not in the archive");
                        break;
                }
            }
        }
        finally
        {
            // On cancellation or a storage error, do not leave downloads (and their temp files) behind.
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

    /// <summary>
    /// Commits a verified file whole: it was parsed completely before anything is written, so a bad row leaves none
    /// of the file committed, and one durable append per file keeps the flushes few.
    /// </summary>
    private Task<CoverageSet> CommitFileAsync(
        string symbol, ArchiveFetchResult result, CoverageSet unconfirmed, FetchTally tally, CancellationToken cancellationToken) =>
        CommitAsync(symbol, result.Candles, result.Job.Range, unconfirmed, tally, cancellationToken);

    private async Task<CoverageSet> CommitAsync(
        string symbol, IReadOnlyList<Candle> candles, UtcRange span, CoverageSet unconfirmed, FetchTally tally, CancellationToken cancellationToken)
    {
        // Whole days a verified file has no rows for are left to REST to confirm: the real archive has lost days before.
        var covered = CoverageSet.Of(span).Subtract(unconfirmed);
        if (covered.IsEmpty)
            return covered;
        await writer.CommitAsync(symbol, covered, candles, tally, cancellationToken);
        return covered;
    }
}
