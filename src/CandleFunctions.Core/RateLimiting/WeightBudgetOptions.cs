namespace CandleFunctions.Core.RateLimiting;

/// <summary>How much head-room the weight budget keeps below the exchange's limit.</summary>
public sealed class WeightBudgetOptions
{
    /// <summary>The share of the limit never used, so rounding and small unseen spend stay under it.</summary>
    /// <value>0.02 (2%): 48 of mainnet's 2400 per minute.</value>
    public double SafetyFraction { get; set; } = 0.02;

    /// <summary>How far our estimate of the server's clock may be off, one-way latency included.</summary>
    /// <value>250 ms.</value>
    public TimeSpan ClockUncertainty { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The most of each window's limit we ever use ourselves, whatever other programs on the IP leave.</summary>
    /// <value>1.0 (no cap beyond the safety fraction); 0.5 leaves a trading bot on the same IP at least half of every window.</value>
    public double MaxWeightShare { get; set; } = 1.0;

    /// <summary>
    /// Whether weight in flight (reserved, not yet answered) is held to half of the room seen in its window, one request
    /// always allowed: two processes sharing the IP then both fit however stale their headers are. Requests that ask
    /// one at a time want it; a host that grants whole waves and caps what is in flight its own way (the durable
    /// weight entity) turns it off.
    /// </summary>
    /// <value>true</value>
    public bool CapInFlightAtHalfTheRoom { get; set; } = true;

    /// <summary>Throws when a value is out of its sensible range.</summary>
    public void Validate()
    {
        if (double.IsNaN(MaxWeightShare) || MaxWeightShare is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(MaxWeightShare), MaxWeightShare, "MaxWeightShare must be above 0 and at most 1.");
        if (double.IsNaN(SafetyFraction) || SafetyFraction is < 0 or >= 0.5)
            throw new ArgumentOutOfRangeException(nameof(SafetyFraction), SafetyFraction, "SafetyFraction must be at least 0 and below 0.5.");
        if (ClockUncertainty < TimeSpan.Zero || ClockUncertainty > TimeSpan.FromSeconds(10))
            throw new ArgumentOutOfRangeException(nameof(ClockUncertainty), ClockUncertainty, "ClockUncertainty must be between 0 and 10 seconds.");
    }
}
