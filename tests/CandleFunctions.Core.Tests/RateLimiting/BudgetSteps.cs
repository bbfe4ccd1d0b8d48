using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Core.Tests.RateLimiting;

/// <summary>Steps the budget tests share.</summary>
internal static class BudgetSteps
{
    /// <summary>
    /// The budget as it is once past its start-up: the slow start over and the neighbour estimate (empty) mature, for
    /// tests of the rules that hold from then on.
    /// </summary>
    public static WeightBudget PastStartUp(WeightBudget budget, WeightBudgetOptions options) =>
        WeightBudget.FromState(budget.State with { Settled = true, NeighbourSeen = true, LearntWindows = WeightBudget.MatureAfter }, options);

    /// <summary>
    /// Reserves <paramref name="weight"/> until refused, each response coming back (without a header) before the next
    /// request: one process, one request at a time. Returns the weight granted.
    /// </summary>
    public static int GrantAll(WeightBudget budget, int weight, DateTimeOffset now)
    {
        var granted = 0;
        while (budget.TryReserve(weight, now) is { Granted: true } decision)
        {
            budget.Land(decision.Ticket, now, []);
            granted += weight;
        }
        return granted;
    }
}
