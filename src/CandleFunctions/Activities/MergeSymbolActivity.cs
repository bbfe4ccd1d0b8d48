using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Staging;
using CandleFunctions.Stores;
using Microsoft.Azure.Functions.Worker;

namespace CandleFunctions.Activities;

/// <summary>
/// Commits staged pages to the symbol's blob and ledger, then to the local mirror, and only then deletes them.
/// A page already gone was merged by an earlier attempt, so its range is not claimed again.
/// </summary>
public sealed class MergeSymbolActivity(IChunkStaging staging, CandleStores stores)
{
    /// <summary>The activity's function name.</summary>
    public const string Name = "MergeSymbol";

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
        var covered = new List<UtcRange>();
        var present = new List<string>();
        foreach (var page in work.Pages)
        {
            if (await staging.ReadAsync(page.Name, work.Symbol, cancellationToken) is not { } staged)
                continue;
            candles.AddRange(staged);
            covered.Add(page.Range);
            present.Add(page.Name);
        }
        if (covered.Count == 0)
            return new MergeSummary(0, []);
        var ordered = candles.OrderBy(c => c.Timestamp).DistinctBy(c => c.Timestamp).ToList();
        var coverage = CoverageSet.Of(covered);
        var result = await stores.CommitAsync(work.Symbol, ordered, coverage, cancellationToken);
        foreach (var name in present)
            await staging.DeleteAsync(name, cancellationToken);
        return new MergeSummary(result.Added, coverage.Ranges);
    }
}
