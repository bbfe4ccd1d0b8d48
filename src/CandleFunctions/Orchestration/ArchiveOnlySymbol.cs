using CandleFunctions.Activities;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Sync;
using Microsoft.DurableTask;

namespace CandleFunctions.Orchestration;

/// <summary>
/// A symbol exchangeInfo no longer lists: its history from the public archive alone, with the CLI's outcomes and
/// reasons. Costs no API weight.
/// </summary>
public static class ArchiveOnlySymbol
{
    /// <summary>Plans from the archive's listing, fetches and merges the files, and reports what no file covers.</summary>
    public static async Task<SymbolSummary> RunAsync(TaskOrchestrationContext context, SymbolWork work, TaskOptions retry)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        ArchiveOnlyPlan plan;
        try
        {
            plan = await context.CallActivityAsync<ArchiveOnlyPlan>(
                PlanArchiveOnlyActivity.Name, new ArchiveOnlyWork(context.InstanceId, work.Symbol, work.Requested), retry);
        }
        catch (TaskFailedException e)
        {
            return new SymbolSummary(work.Symbol, SymbolOutcome.Failed, null, 0, [], [e.Message], "the public archive's listing could not be read");
        }
        if (!plan.Known)
            return SymbolSummary.Settled(work.Symbol, SymbolOutcome.Unknown, "neither exchangeInfo nor the public archive knows it (misspelt?)");
        var stored = new ArchiveOutcome(CoverageSet.Empty, 0, 0, 0, [], null, null);
        if (plan.Missing.Count == 0)
        {
            return SymbolSummary.Settled(
                work.Symbol,
                plan.StoredFirst is null ? SymbolOutcome.NoData : SymbolOutcome.UpToDate,
                "delisted; exchangeInfo no longer lists it",
                stored.Listed(work.Requested, plan.StoredFirst, plan.StoredLast));
        }

        var outcome = await ArchiveStage.RunAsync(context, work, plan.Files, retry);
        var left = CoverageSet.Of(plan.Missing).Subtract(outcome.Covered);
        var problems = outcome.Problems.Concat(left.Ranges.Select(r => $"{r}: no archive file has it")).ToList();
        var reason = "delisted; history recovered from the public archive"
            + (left.IsEmpty ? "" : $", with gaps no archive file covers ({plan.GapDays:0.#} days)");
        return new SymbolSummary(
            work.Symbol,
            left.IsEmpty ? SymbolOutcome.Synced : SymbolOutcome.Failed,
            outcome.Listed(work.Requested, plan.StoredFirst, plan.StoredLast),
            outcome.Added,
            outcome.Covered.Ranges,
            problems,
            reason,
            ArchiveFiles: outcome.Files,
            ArchiveBytes: outcome.Bytes);
    }
}
