using CandleFunctions.Weight;
using Microsoft.DurableTask;

namespace CandleFunctions.Orchestration;

/// <summary>How orchestrators get weight from the <see cref="WeightBudgetEntity"/> and give back what they learnt.</summary>
public static class WeightGate
{
    /// <summary>
    /// Asks for <paramref name="weight"/> in one grant (or, with <paramref name="least"/>, the most that fits in steps of
    /// it), sleeping on durable timers while the entity says wait. With <paramref name="canWait"/> the activities wait
    /// for <see cref="WeightGrant.SendFrom"/>, so the grant may be for the next window.
    /// </summary>
    public static async Task<WeightGrant> AcquireAsync(TaskOrchestrationContext context, int weight, int? least = null, bool canWait = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        // NewGuid is deterministic across replays, so a re-delivered ask is recognised by the entity.
        var request = new GrantRequest(context.NewGuid().ToString("N"), weight, least, canWait);
        while (true)
        {
            var grant = await context.Entities.CallEntityAsync<WeightGrant>(
                WeightBudgetEntity.Id, nameof(WeightBudgetEntity.Acquire), request);
            if (grant.Granted)
                return grant;
            var fireAt = grant.RetryAt.UtcDateTime;
            if (fireAt <= context.CurrentUtcDateTime)
                fireAt = context.CurrentUtcDateTime.AddSeconds(1);
            await context.CreateTimer(fireAt, CancellationToken.None);
        }
    }

    /// <summary>Closes a grant one-way: unsent weight is refunded and the feedback reconciles the budget.</summary>
    public static Task ReportAsync(TaskOrchestrationContext context, WeightGrant grant, int unsentWeight, IReadOnlyList<ExchangeFeedback> feedback)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(grant);
        return context.Entities.SignalEntityAsync(
            WeightBudgetEntity.Id, nameof(WeightBudgetEntity.Report), new WeightReport(grant.GrantId, unsentWeight, feedback));
    }
}
