using CandleFunctions.Activities;
using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Core.Planning;
using CandleFunctions.Staging;
using CandleFunctions.Sync;
using CandleFunctions.Weight;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CandleFunctions.Orchestration;

/// <summary>
/// One symbol, as the CLI syncs it: archive files, then the REST head and tail pages (<see cref="EdgePages"/>: they
/// find where it traded at no extra weight), then the remaining pages in waves (up to
/// <see cref="OrchestrationLimits.WavesInFlight"/> open at once), each wave's weight granted at once by the entity,
/// merging staged pages into the store every so often. Deterministic: time, ids and waits all come
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

        // The CLI's flow (SymbolSync): archive first, then the REST head and tail pages (which find where the symbol
        // traded), then the pages of what remains. Only scheduling differs.
        var toFetch = CoverageSet.Of(work.Missing);
        var merged = new List<UtcRange>();
        var known = new KnownCandles(work.StoredFirst, work.StoredLast);
        long added = 0;
        ArchiveOutcome? archived = null;
        if (limits.UseArchive)
        {
            // Whole published months and days from the archive first (no weight); REST gets the rest.
            var jobs = Planner.Plan(work.Symbol, toFetch, context.CurrentUtcDateTime).Jobs;
            archived = await ArchiveStage.RunAsync(context, work, jobs.Select(j => ArchiveFileWork.Of(context.InstanceId, j, soleSource: false)).ToList(), retry);
            toFetch = toFetch.Subtract(archived.Covered);
            merged.AddRange(archived.Covered.Ranges);
            added += archived.Added;
            known.Add(archived.First, archived.Last);
        }

        var toMerge = new List<StagedPage>();
        var errors = new List<string>();
        if (!toFetch.IsEmpty)
        {
            EdgeSummary edges;
            try
            {
                edges = await EdgesAsync(context, work, toFetch, retry, tally);
            }
            catch (TaskFailedException e)
            {
                return Summary(work, tally, SymbolOutcome.Failed, known.Listed(work.Tradable), added, CoverageSet.Of(merged).Ranges, [e.Message],
                    "could not reach the exchange for this symbol after retries; the next run continues")
                    with { ArchiveFiles = archived?.Files ?? 0, ArchiveBytes = archived?.Bytes ?? 0 };
            }
            toMerge.AddRange(edges.Staged);
            if (edges.Error is { } refused)
            {
                added += await MergeAsync(context, work, toMerge, merged, errors, retry, known);
                return Summary(work, tally, SymbolOutcome.Failed, known.Listed(work.Tradable), added, CoverageSet.Of(merged).Ranges, [refused, .. errors],
                    "the exchange refused the symbol") with { ArchiveFiles = archived?.Files ?? 0, ArchiveBytes = archived?.Bytes ?? 0 };
            }
            if (!edges.Done)
                errors.Add($"the edge pages were handed back {limits.MaxRounds} times; given up");
            toFetch = CoverageSet.Of(edges.Remaining);
        }

        var pages = KlinePager.Pages(toFetch).ToList();
        var queue = new LinkedList<PendingChunk>(pages.Chunk(limits.PagesPerChunk).Select((c, i) => new PendingChunk(i, c, 0)));
        var nextIndex = queue.Count;
        var pagesDone = 0;

        // Several waves of the symbol are open at once, each under its own grant: while one waits for its grant or its
        // activities, another is already fetching, so the entity's round trips overlap instead of adding up.
        var open = new List<Task<List<(PendingChunk Chunk, ChunkSummary Summary)>>>();
        while (queue.Count > 0 || open.Count > 0)
        {
            while (queue.Count > 0 && open.Count < limits.WavesInFlight)
                open.Add(WaveAsync(context, work, TakeWave(queue, limits.MaxWaveWeight), queue, retry));
            var finished = await Task.WhenAny(open);
            open.Remove(finished);

            foreach (var (chunk, summary) in await finished)
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
                added += await MergeAsync(context, work, toMerge, merged, errors, retry, known);
        }
        added += await MergeAsync(context, work, toMerge, merged, errors, retry, known);

        if (known.IsEmpty && errors.Count == 0)
            return Summary(work, tally, SymbolOutcome.NoData, null, 0, [], [], "the exchange has no candles for it in this range");
        var outcome = errors.Count == 0 ? SymbolOutcome.Synced : SymbolOutcome.Failed;
        return Summary(work, tally, outcome, known.Listed(work.Tradable), added, CoverageSet.Of(merged).Ranges, errors,
            errors.Count == 0 ? null : "some pages failed after retries; their ranges stay missing and the next run fetches them")
            with { ArchiveFiles = archived?.Files ?? 0, ArchiveBytes = archived?.Bytes ?? 0 };
    }

    /// <summary>The head and tail pages under their own grants, re-asked while a deadline, 429 or 418 hands them back.</summary>
    private static async Task<EdgeSummary> EdgesAsync(
        TaskOrchestrationContext context, SymbolWork work, CoverageSet missing, TaskOptions retry, SymbolTally tally)
    {
        var staged = new List<StagedPage>();
        IReadOnlyList<UtcRange> remaining = missing.Ranges;
        var headDone = false;
        for (var round = 0; ; round++)
        {
            var grant = await WeightGate.AcquireAsync(context, EdgeWork.WeightOf(remaining, headDone), canWait: true);
            var edges = await context.CallActivityAsync<EdgeSummary>(
                FetchEdgesActivity.Name,
                new EdgeWork(context.InstanceId, work.Symbol, remaining, headDone, work.Rule, work.ServerOffset, grant.SendBy, grant.SendFrom),
                retry);
            await WeightGate.ReportAsync(context, grant, edges.UnsentWeight, [edges.Feedback]);
            tally.Add(edges);
            staged.AddRange(edges.Staged);
            remaining = edges.Remaining;
            headDone = edges.HeadDone;
            if (edges.Done || round + 1 >= work.Limits.MaxRounds)
                return edges with { Staged = staged };
        }
    }

    /// <summary>
    /// One wave: its weight (or as much of it as the window has left, in whole pages) granted at once, its chunk
    /// activities side by side, the grant closed with what they saw. Near a window's end the grant may be for the next
    /// window: the activities are scheduled at once and wait for it, so it opens with work under way.
    /// </summary>
    private static async Task<List<(PendingChunk Chunk, ChunkSummary Summary)>> WaveAsync(
        TaskOrchestrationContext context, SymbolWork work, List<PendingChunk> wave, LinkedList<PendingChunk> queue, TaskOptions retry)
    {
        // The wave takes as many of its pages as the window still has room for; the rest go back to the queue's front.
        var grant = await WeightGate.AcquireAsync(
            context, wave.Sum(c => c.Weight), wave.SelectMany(c => c.Pages).Max(p => p.Weight), canWait: true);
        var fits = new List<PendingChunk>();
        var back = new List<PendingChunk>();
        var weight = 0;
        foreach (var chunk in wave)
        {
            var taken = 0;
            while (taken < chunk.Pages.Count && weight + chunk.Pages[taken].Weight <= grant.Weight)
                weight += chunk.Pages[taken++].Weight;
            if (taken > 0)
                fits.Add(taken == chunk.Pages.Count ? chunk : chunk with { Pages = chunk.Pages.Take(taken).ToList() });
            if (taken < chunk.Pages.Count)
                back.Add(chunk with { Pages = chunk.Pages.Skip(taken).ToList() });
        }
        foreach (var chunk in Enumerable.Reverse(back))
            queue.AddFirst(chunk);
        var results = await Task.WhenAll(fits.Select(chunk => FetchAsync(context, work, chunk, grant, retry)));
        await WeightGate.ReportAsync(
            context, grant, grant.Weight - weight + results.Sum(r => r.Summary.UnsentWeight), results.Select(r => r.Summary.Feedback).ToList());
        return results.ToList();
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
        TaskOrchestrationContext context, SymbolWork work, PendingChunk chunk, WeightGrant grant, TaskOptions retry)
    {
        try
        {
            var summary = await context.CallActivityAsync<ChunkSummary>(
                FetchChunkActivity.Name,
                new ChunkWork(context.InstanceId, work.Symbol, chunk.Index, chunk.Pages, work.Rule, work.ServerOffset, grant.SendBy, grant.SendFrom),
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
        TaskOrchestrationContext context, SymbolWork work, List<StagedPage> toMerge, List<UtcRange> merged, List<string> errors, TaskOptions retry,
        KnownCandles known)
    {
        if (toMerge.Count == 0)
            return 0;
        var pages = toMerge.ToList();
        toMerge.Clear();
        try
        {
            var result = await context.CallActivityAsync<MergeSummary>(MergeSymbolActivity.Name, new MergeWork(context.InstanceId, work.Symbol, pages), retry);
            merged.AddRange(result.Covered);
            known.Add(result.First, result.Last);
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
