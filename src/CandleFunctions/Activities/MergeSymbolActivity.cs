using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Staging;
using CandleFunctions.Stores;
using Microsoft.Azure.Functions.Worker;

namespace CandleFunctions.Activities;

/// <summary>
/// Commits staged pages to the symbol's blob and ledger, then to the local mirror, and only then deletes them.
/// A page already gone was merged by an earlier attempt, so its range is not claimed again. Afterwards it deletes
/// what earlier runs of the symbol left in staging (their merge failed), once it is older than <see cref="LeftoverAge"/>.
/// </summary>
public sealed class MergeSymbolActivity(IChunkStaging staging, CandleStores stores, TimeProvider time)
{
    /// <summary>The activity's function name.</summary>
    public const string Name = "MergeSymbol";

    /// <summary>
    /// How old another run's staged page must be before a merge deletes it: a run still going (waiting out a 429, say)
    /// keeps its pages, and should it lose one anyway, its merge skips the page and the next run fetches the range again.
    /// </summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromHours(1);

    /// <summary>The function.</summary>
    [Function(Name)]
    public Task<MergeSummary> RunAsync([ActivityTrigger] MergeWork work, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return MergeAsync(work, context.CancellationToken);
    }

    /// <summary>Does the work; callable without a Functions host.</summary>
    public async Task<MergeSummary> MergeAsync(MergeWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var candles = new List<Candle>();
        var coverage = CoverageSet.Empty;
        var present = new List<string>();
        foreach (var page in work.Pages)
        {
            if (await staging.ReadAsync(page.Name, work.Symbol, cancellationToken) is not { } staged)
                continue;
            candles.AddRange(staged);
            coverage = coverage.Union(page.Covers());
            present.Add(page.Name);
        }
        long added = 0;
        var ordered = candles.OrderBy(c => c.Timestamp).DistinctBy(c => c.Timestamp).ToList();
        if (present.Count > 0)
        {
            added = (await stores.CommitAsync(work.Symbol, ordered, coverage, cancellationToken)).Added;
            foreach (var name in present)
                await staging.DeleteAsync(name, cancellationToken);
        }
        await staging.DeleteLeftoversAsync(
            work.Symbol, StagingNames.InstancePrefix(work.InstanceId, work.Symbol), time.GetUtcNow() - LeftoverAge, cancellationToken);
        return new MergeSummary(added, coverage.Ranges, ordered.FirstOrDefault()?.Timestamp, ordered.LastOrDefault()?.Timestamp);
    }
}
