namespace BinanceSimulator.Rest.RateLimiting;

/// <summary>What the rate limiter decided about one request.</summary>
public enum AdmissionOutcome
{
    Allowed,
    TooManyRequests,
    Banned,
}
