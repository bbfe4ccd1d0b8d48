using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Core.Tests.RateLimiting;

/// <summary>Steps the budget tests share.</summary>
internal static class BudgetSteps
{
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
