namespace CandleFunctions.Binance.Rest;

/// <summary>A 429: the window's weight was exhausted. The governor pauses every request until it turns.</summary>
public sealed class RateLimitedException(TimeSpan? retryAfter)
    : Exception("Binance answered 429 Too Many Requests.")
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
