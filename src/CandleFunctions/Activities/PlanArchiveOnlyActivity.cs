using CandleFunctions.Core.Coverage;
using CandleFunctions.Exchange;
using CandleFunctions.Stores;
using CandleFunctions.Sync;
using Microsoft.Azure.Functions.Worker;

namespace CandleFunctions.Activities;

/// <summary>
/// For a symbol exchangeInfo no longer lists, as the CLI does: list what the archive published, record everything
/// outside that span as empty (the exchange itself no longer knows the symbol), and plan files for the rest.
/// </summary>
public sealed class PlanArchiveOnlyActivity(ArchiveAccess archive, CandleStores stores)
{
    /// <summary>The activity's function name.</summary>
    public const string Name = "PlanArchiveOnly";

    /// <summary>The function.</summary>
    [Function(Name)]
    public Task<ArchiveOnlyPlan> RunAsync([ActivityTrigger] ArchiveOnlyWork work, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PlanAsync(work, context.CancellationToken);
    }

    /// <summary>Does the work; callable without a Functions host.</summary>
    public async Task<ArchiveOnlyPlan> PlanAsync(ArchiveOnlyWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var listing = archive.NewListing();
        var months = (await listing.ListMonthsAsync(work.Symbol, cancellationToken)).ToHashSet();
        var days = (await listing.ListDaysAsync(work.Symbol, cancellationToken)).ToHashSet();
        if (ArchiveSoleSource.Span(months, days) is not { } span)
            return new ArchiveOnlyPlan(false, [], [], 0, null, null);

        var stored = await stores.Primary.LoadAsync(work.Symbol, cancellationToken);
        var missing = CoverageSet.Of(work.Requested).Subtract(stored.Covered);
        await stores.CommitEmptyAsync(work.Symbol, missing.Subtract(span), cancellationToken);
        missing = missing.Intersect(span);
        var (jobs, gaps) = ArchiveSoleSource.Plan(work.Symbol, missing, months, days);
        return new ArchiveOnlyPlan(
            true,
            jobs.Select(j => ArchiveFileWork.Of(work.InstanceId, j, soleSource: true)).ToList(),
            missing.Ranges,
            gaps.Duration.TotalDays,
            stored.First,
            stored.Last);
    }
}
