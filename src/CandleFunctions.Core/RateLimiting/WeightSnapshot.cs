namespace CandleFunctions.Core.RateLimiting;

/// <summary>The budget as a progress display shows it; window bounds are in local time.</summary>
public sealed record WeightSnapshot(
    int Used,
    int Usable,
    int Limit,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    DateTimeOffset? PausedUntil)
{
    /// <summary>Weight still grantable in the current window.</summary>
    public int Remaining => Math.Max(0, Usable - Used);
}
