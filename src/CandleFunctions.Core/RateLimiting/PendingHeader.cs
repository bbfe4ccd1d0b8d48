namespace CandleFunctions.Core.RateLimiting;

/// <summary>A used-weight header that arrived (at local <paramref name="At"/>) before the window's rule was known.</summary>
public sealed record PendingHeader(TimeSpan Window, int Used, DateTimeOffset At);
