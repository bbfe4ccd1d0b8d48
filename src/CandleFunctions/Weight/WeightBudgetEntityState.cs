using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Weight;

/// <summary>
/// The durable entity's state: the shared governor's state, the grants it has issued recently, and the headers seen
/// before the rule was known (<see cref="EarlyHeader"/>).
/// </summary>
public sealed record WeightBudgetEntityState(WeightBudgetState Budget, IReadOnlyList<IssuedGrant> Grants)
{
    /// <summary>Headers waiting for the rule; none once the entity is configured.</summary>
    public IReadOnlyList<EarlyHeader> Early { get; init; } = [];
}
