namespace CandleFunctions.Core.RateLimiting;

/// <summary>
/// What other programs on our IP are expected to spend in a window, learnt from past windows' headers: a burst
/// at the window's start plus a steady rate through it (both in weight per window).
/// </summary>
public sealed record NeighbourEstimate(double Burst, double Rate)
{
    /// <summary>No other program seen.</summary>
    public static NeighbourEstimate None { get; } = new(0, 0);

    /// <summary>The weight expected over a whole window.</summary>
    public double Total => Burst + Rate;
}
