using CandleFunctions.Activities;
using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Core.Planning;
using Microsoft.DurableTask;

namespace CandleFunctions.Orchestration;

/// <summary>
/// The archive fast path inside a symbol's orchestration, as the CLI runs it: archive file activities in bounded waves
/// (no weight, so no grant), each staging one verified file, then merges of the staged files. Files the archive lacks
/// or that stay corrupt are left to REST (or, for a sole-source symbol, reported).
/// </summary>
public static class ArchiveStage
{
    /// <summary>Fetches and merges <paramref name="jobs"/>; <paramref name="soleSource"/>: the archive is all there is.</summary>
    public static async Task<ArchiveOutcome> RunAsync(
        TaskOrchestrationContext context, SymbolWork work, IReadOnlyList<ArchiveFileWork> jobs, TaskOptions retry)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(jobs);
        var covered = CoverageSet.Empty;
        var problems = new List<string>();
        long added = 0;
        long bytes = 0;
        var files = 0;
        DateTimeOffset? first = null;
        DateTimeOffset? last = null;
        // A merge holds its candles in memory: about as many as a REST merge, but never less than one whole file.
        var candlesPerMerge = work.Limits.MergeEveryPages * KlinePager.DefaultPageSize;
        foreach (var wave in jobs.Chunk(work.Limits.MaxArchiveFilesPerWave))
        {
            var results = await Task.WhenAll(wave.Select(job => FetchAsync(context, job, retry)));
            var staged = new List<StagedPage>();
            foreach (var result in results)
            {
                bytes += result.Bytes;
                if (result.Staged is { } page)
                {
                    files++;
                    staged.Add(page);
                }
                else if (result.Status == ArchiveFetchStatus.Failed || wave[0].SoleSource)
                {
                    problems.Add($"{result.FileName}: {result.Problem}");
                }
            }
            foreach (var group in Groups(staged, candlesPerMerge))
            {
                try
                {
                    var merged = await context.CallActivityAsync<MergeSummary>(
                        MergeSymbolActivity.Name, new MergeWork(context.InstanceId, work.Symbol, group), retry);
                    covered = covered.Union(CoverageSet.Of(merged.Covered));
                    added += merged.Added;
                    first = merged.First is { } f && (first is null || f < first) ? f : first;
                    last = merged.Last is { } l && (last is null || l > last) ? l : last;
                }
                catch (TaskFailedException e)
                {
                    problems.Add($"merge of {group.Count} archive files failed: {e.Message}");
                }
            }
        }
        return new ArchiveOutcome(covered, added, files, bytes, problems, first, last);
    }

    private static async Task<ArchiveFileSummary> FetchAsync(TaskOrchestrationContext context, ArchiveFileWork job, TaskOptions retry)
    {
        try
        {
            return await context.CallActivityAsync<ArchiveFileSummary>(FetchArchiveFileActivity.Name, job, retry);
        }
        catch (TaskFailedException e)
        {
            return new ArchiveFileSummary(job.ToJob().FileName, ArchiveFetchStatus.Failed, null, 0, e.Message);
        }
    }

    /// <summary>Consecutive staged files whose candles together stay within the bound (a bigger file goes alone).</summary>
    private static IEnumerable<List<StagedPage>> Groups(List<StagedPage> staged, int candlesPerMerge)
    {
        var group = new List<StagedPage>();
        var candles = 0;
        foreach (var page in staged)
        {
            if (group.Count > 0 && candles + page.Candles > candlesPerMerge)
            {
                yield return group;
                group = [];
                candles = 0;
            }
            group.Add(page);
            candles += page.Candles;
        }
        if (group.Count > 0)
            yield return group;
    }
}
