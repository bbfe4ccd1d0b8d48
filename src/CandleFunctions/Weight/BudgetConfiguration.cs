using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Weight;

/// <summary>The exchange's REQUEST_WEIGHT rule and the measured server clock offset, as read by the plan activity.</summary>
public sealed record BudgetConfiguration(RateLimitRule Rule, TimeSpan ServerOffset);
