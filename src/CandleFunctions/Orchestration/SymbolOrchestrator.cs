using CandleFunctions.Activities;
using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Core.Planning;
using CandleFunctions.Staging;
using CandleFunctions.Sync;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CandleFunctions.Orchestration;

/// <summary>
/// One symbol: probe its life, then fetch the missing pages in waves, each wave's weight granted at once by the
/// entity, and merge staged pages into the store every so often. Deterministic: time, ids and waits all come
/// from the context.
/// </summary>
public static class SymbolOrchestrator
{
    /// <summary>The orchestrator's function name.</summary>
    public const string Name = "SymbolOrchestrator";

    // Pure: splits missing ranges into published archive files (default publication lags) and a REST remainder.
    private static readonly ArchivePlanner Planner = new(new ArchiveOptions());

    /// <summary>The deterministic instance id of a symbol's sub-orchestration: <c>{parent}:{SYMBOL}</c>.</summary>
    public static string ChildId(string parentInstanceId, string symbol) => $"{parentInstanceId}:{symbol}";

    /// <summary>The orchestrator.</summary>
    [Function(Name)]
    public static async Task<SymbolSummary> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, SymbolWork work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        var limits = work.Limits;
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
            limits.MaxActivityAttempts, TimeSpan.FromSeconds(2), backoffCoefficient: 2.0, maxRetryInterval: TimeSpan.FromSeconds(30)));
        var tally = new SymbolTally();
        if (work.ArchiveOnly)
            return await ArchiveOnlySymbol.RunAsync(context, work, retry);

        ProbeSummary probe;
        try
        {
            probe = await ProbeAsync(context, work, retry, tally);
        }
        catch (TaskFailedException e)
        {
            return Summary(work, tally, SymbolOutcome.Failed, null, 0, [], [e.Message], "the first/last candle probe kept failing");
        }
        if (probe.Error is { } refused)
            return Summary(work, tally, SymbolOutcome.Failed, null, 0, [], [refused], "the exchange refused the symbol");
        if (probe.Life is not { } life)
            return Summary(work, tally, SymbolOutcome.NoData, null, 0, [], [], "the exchange has no candles for it in this range");

        var toFetch = SymbolSpan.ToFetch(work.Missing, life);
        var merged = new List<UtcRange>();
        long added = 0;
        ArchiveOutcome? archived = null;
        if (limits.UseArchive)
        {
            // Whole published months and days from the archive first (no weight), as the CLI does; REST gets the rest.
            var jobs = Planner.Plan(work.Symbol, toFetch, context.CurrentUtcDateTime).Jobs;
            archived = await ArchiveStage.RunAsync(context, work, jobs.Select(j => ArchiveFileWork.Of(context.InstanceId, j, soleSource: false)).ToList(), retry);
            toFetch = toFetch.Subtract(archived.Covered);
            merged.AddRange(archived.Covered.Ranges);
            added += archived.Added;
        }

        var pages = KlinePager.Pages(toFetch).ToList();
        var queue = new LinkedList<PendingChunk>(pages.Chunk(limits.PagesPerChunk).Select((c, i) => new PendingChunk(i, c, 0)));
        var nextIndex = queue.Count;
        var toMerge = new List<StagedPage>();
        var errors = new List<string>();
        var pagesDone = 0;

        while (queue.Count > 0)
        {
            var wave = TakeWave(queue, limits.MaxWaveWeight);
            var grant = await WeightGate.AcquireAsync(context, wave.Sum(c => c.Weight));
            var results = await Task.WhenAll(wave.Select(chunk => FetchAsync(context, work, chunk, grant.SendBy, retry)));
            await WeightGate.ReportAsync(context, grant, results.Sum(r => r.Summary.UnsentWeight), results.Select(r => r.Summary.Feedback).ToList());

            foreach (var (chunk, summary) in results)
            {
                tally.Add(summary);
                toMerge.AddRange(summary.Staged);
                pagesDone += summary.Staged.Count;
                if (summary.Error is { } error)
                    errors.Add(error);
                if (summary.Unsent.Count == 0)
                    continue;
                if (chunk.Rounds + 1 >= limits.MaxRounds)
                    errors.Add($"{summary.Unsent.Count} pages from {summary.Unsent[0].Range.Start:yyyy-MM-dd HH:mm} were handed back {limits.MaxRounds} times; given up");
                else
                    queue.AddFirst(new PendingChunk(nextIndex++, summary.Unsent, chunk.Rounds + 1));
            }
            context.SetCustomStatus(new { pagesDone, pagesTotal = pages.Count, candlesAdded = added });

            if (toMerge.Count >= limits.MergeEveryPages)
                added += await MergeAsync(context, work, toMerge, merged, errors, retry);
        }
        added += await MergeAsync(context, work, toMerge, merged, errors, retry);

        var outcome = errors.Count == 0 ? SymbolOutcome.Synced : SymbolOutcome.Failed;
        return Summary(work, tally, outcome, life, added, CoverageSet.Of(merged).Ranges, errors,
            errors.Count == 0 ? null : "some pages failed after retries; their ranges stay missing and the next run fetches them")
            with { ArchiveFiles = archived?.Files ?? 0, ArchiveBytes = archived?.Bytes ?? 0 };
    }

    private static async Task<ProbeSummary> ProbeAsync(TaskOrchestrationContext context, SymbolWork work, TaskOptions retry, SymbolTally tally)
    {
        for (var round = 0; ; round++)
        {
            var grant = await WeightGate.AcquireAsync(context, ProbeWork.Weight);
            var probe = await context.CallActivityAsync<ProbeSummary>(
                ProbeSymbolActivity.Name,
                new ProbeWork(work.Symbol, work.Requested, work.Tradable, work.Rule, work.ServerOffset, grant.SendBy),
                retry);
            await WeightGate.ReportAsync(context, grant, probe.UnsentWeight, [probe.Feedback]);
            tally.Add(probe);
            if (probe.Sent || round + 1 >= work.Limits.MaxRounds)
                return probe;
        }
    }

    /// <summary>Chunks from the front of the queue while their weight fits the wave (always at least one).</summary>
    private static List<PendingChunk> TakeWave(LinkedList<PendingChunk> queue, int maxWeight)
    {
        var wave = new List<PendingChunk>();
        var weight = 0;
        while (queue.First is { } next && (wave.Count == 0 || weight + next.Value.Weight <= maxWeight))
        {
            wave.Add(next.Value);
            weight += next.Value.Weight;
            queue.RemoveFirst();
        }
        return wave;
    }

    private static async Task<(PendingChunk Chunk, ChunkSummary Summary)> FetchAsync(
        TaskOrchestrationContext context, SymbolWork work, PendingChunk chunk, DateTimeOffset sendBy, TaskOptions retry)
    {
        try
        {
            var summary = await context.CallActivityAsync<ChunkSummary>(
                FetchChunkActivity.Name,
                new ChunkWork(context.InstanceId, work.Symbol, chunk.Index, chunk.Pages, work.Rule, work.ServerOffset, sendBy),
                retry);
            return (chunk, summary);
        }
        catch (TaskFailedException e)
        {
            // Pages staged by the failed attempts are still merged: staging names are deterministic and the merge skips absent ones.
            var maybeStaged = chunk.Pages.Select(p => new StagedPage(StagingNames.ForPage(context.InstanceId, work.Symbol, p), p.Range, 0)).ToList();
            return (chunk, new ChunkSummary(chunk.Index, maybeStaged, [], 0, chunk.Weight, chunk.Pages.Count, Weight.ExchangeFeedback.None,
                $"{chunk.Pages[0].Range.Start:yyyy-MM-dd HH:mm}: {e.Message}"));
        }
    }

    private static async Task<long> MergeAsync(
        TaskOrchestrationContext context, SymbolWork work, List<StagedPage> toMerge, List<UtcRange> merged, List<string> errors, TaskOptions retry)
    {
        if (toMerge.Count == 0)
            return 0;
        var pages = toMerge.ToList();
        toMerge.Clear();
        try
        {
            var result = await context.CallActivityAsync<MergeSummary>(MergeSymbolActivity.Name, new MergeWork(context.InstanceId, work.Symbol, pages), retry);
            merged.AddRange(result.Covered);
            return result.Added;
        }
        catch (TaskFailedException e)
        {
            errors.Add($"merge failed: {e.Message}");
            return 0;
        }
    }

    private static SymbolSummary Summary(
        SymbolWork work, SymbolTally tally, SymbolOutcome outcome, UtcRange? listed, long added,
        IReadOnlyList<UtcRange> fetched, IReadOnlyList<string> errors, string? reason) =>
        new(work.Symbol, outcome, listed, added, fetched, errors, reason, tally.Weight, tally.Requests, tally.TooManyRequests, tally.Bans);
}
