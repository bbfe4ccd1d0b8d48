namespace CandleFunctions.Core.RateLimiting;

/// <summary>The answer to a reservation: granted with a ticket to land or refund it by, or the local instant at which a retry can succeed.</summary>
/// <param name="AwaitsLanding">Refused only until one of our requests in flight lands (more would put over half of the room seen in a window in flight); RetryAt is then a short poll.</param>
public readonly record struct WeightDecision(bool Granted, DateTimeOffset RetryAt, long Ticket = 0, bool AwaitsLanding = false);
