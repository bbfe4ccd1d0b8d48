using CandleFunctions.Activities;
using CandleFunctions.Sync;
using CandleFunctions.Sync.Summary;
using CandleFunctions.Weight;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CandleFunctions.Orchestration;

/// <summary>
/// A whole run: the plan activity (exchangeInfo once, listings, coverage), then one <see cref="SymbolOrchestrator"/>
/// per symbol with the id <c>{run}:{SYMBOL}</c>, at most <see cref="OrchestrationLimits.MaxConcurrentSymbols"/> at once. Its output is the CLI's <c>--json</c> summary.
/// </summary>
public static class SyncOrchestrator
{
    /// <summary>The orchestrator's function name.</summary>
    public const string Name = "SyncOrchestrator";

    /// <summary>The orchestrator.</summary>
    [Function(Name)]
    public static async Task<SyncSummary> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, SyncInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var started = context.CurrentUtcDateTime;
        context.SetCustomStatus(new SyncProgress("planning", 0, 0, 0, 0));
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
            4, TimeSpan.FromSeconds(5), backoffCoefficient: 2.0, maxRetryInterval: TimeSpan.FromMinutes(1)));

        SyncPlan plan;
        long planWeight = 0, planRequests = 0;
        do
        {
            // exchangeInfo and the clock samples; verifying a file without a ledger may spend more, which its headers show.
            const int planWeightAsked = 1 + SyncOptions.DefaultClockSamples;
            var grant = await WeightGate.AcquireAsync(context, planWeightAsked);
            plan = await context.CallActivityAsync<SyncPlan>(PlanSyncActivity.Name, new PlanRequest(input, context.InstanceId, grant.SendBy), retry);
            await WeightGate.ReportAsync(context, grant, plan.Sent ? (int)Math.Max(0, planWeightAsked - plan.WeightUsed) : planWeightAsked, [plan.Feedback]);
            planWeight += plan.WeightUsed;
            planRequests += plan.Requests;
        }
        while (!plan.Sent);
        if (plan.Error is { } error)
            throw new InvalidOperationException(error);
        await context.Entities.CallEntityAsync(
            WeightBudgetEntity.Id, nameof(WeightBudgetEntity.Configure), new BudgetConfiguration(plan.Rule!, plan.ServerOffset));

        var done = new List<SymbolSummary>(plan.Settled);
        Report(context, "syncing", plan, done);
        // A sliding window of children: the next symbol starts as soon as any running one ends, so one slow symbol
        // never holds the others' slots idle.
        var waiting = new Queue<SymbolWork>(plan.Work);
        var running = new List<Task<SymbolSummary>>();
        while (waiting.Count > 0 || running.Count > 0)
        {
            while (waiting.Count > 0 && running.Count < plan.Limits.MaxConcurrentSymbols)
                running.Add(RunSymbolAsync(context, waiting.Dequeue()));
            var finished = await Task.WhenAny(running);
            running.Remove(finished);
            done.Add(await finished);
            Report(context, "syncing", plan, done);
        }
        Report(context, "done", plan, done);

        var order = plan.Symbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var symbols = done.OrderBy(s => order.GetValueOrDefault(s.Symbol, int.MaxValue)).ToList();
        return SyncSummary.From(new SyncReport(
            plan.Range,
            symbols.Select(s => s.ToReport() with { Repairs = plan.Repairs.GetValueOrDefault(s.Symbol) }).ToList(),
            planWeight + symbols.Sum(s => s.WeightUsed),
            planRequests + symbols.Sum(s => s.Requests),
            symbols.Sum(s => s.TooManyRequests),
            symbols.Sum(s => s.Bans),
            0,
            symbols.Sum(s => s.ArchiveBytes),
            null,
            false,
            context.CurrentUtcDateTime - started));
    }

    private static async Task<SymbolSummary> RunSymbolAsync(TaskOrchestrationContext context, SymbolWork work)
    {
        try
        {
            return await context.CallSubOrchestratorAsync<SymbolSummary>(
                SymbolOrchestrator.Name, work, new SubOrchestrationOptions { InstanceId = SymbolOrchestrator.ChildId(context.InstanceId, work.Symbol) });
        }
        catch (TaskFailedException e)
        {
            // One symbol failing never fails the run.
            return new SymbolSummary(work.Symbol, SymbolOutcome.Failed, null, 0, [], [e.Message], "the symbol's orchestration failed");
        }
    }

    private static void Report(TaskOrchestrationContext context, string phase, SyncPlan plan, List<SymbolSummary> done) =>
        context.SetCustomStatus(new SyncProgress(
            phase,
            plan.Symbols.Count,
            done.Count,
            done.Count(s => s.Outcome is SymbolOutcome.Failed or SymbolOutcome.Unknown),
            done.Sum(s => s.CandlesAdded)));
}
