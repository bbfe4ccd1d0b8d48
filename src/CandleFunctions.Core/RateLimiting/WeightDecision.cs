namespace CandleFunctions.Core.RateLimiting;

/// <summary>The answer to a reservation: granted with a ticket to land or refund it by, or the local instant at which a retry can succeed.</summary>
public readonly record struct WeightDecision(bool Granted, DateTimeOffset RetryAt, long Ticket = 0);
