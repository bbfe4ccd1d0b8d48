namespace CandleFunctions.Core.RateLimiting;

/// <summary>The answer to a reservation: granted, or the local instant at which a retry can succeed.</summary>
public readonly record struct WeightDecision(bool Granted, DateTimeOffset RetryAt);
