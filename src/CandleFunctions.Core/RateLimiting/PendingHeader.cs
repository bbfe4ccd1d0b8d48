namespace CandleFunctions.Core.RateLimiting;

/// <summary>A used-weight header that arrived (at local <paramref name="At"/>) before the window's rule was known.</summary>
/// <param name="Ours">Our own weight whose responses had come back by then (the header counts it, but it is not another program's).</param>
public sealed record PendingHeader(TimeSpan Window, int Used, DateTimeOffset At, int Ours = 0);
