using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Weight;

/// <summary>The durable entity's state: the shared governor's state plus the grants it has issued recently.</summary>
public sealed record WeightBudgetEntityState(WeightBudgetState Budget, IReadOnlyList<IssuedGrant> Grants);
