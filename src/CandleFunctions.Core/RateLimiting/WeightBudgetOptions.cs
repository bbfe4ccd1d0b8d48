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

    /// <summary>Throws when a value is out of its sensible range.</summary>
    public void Validate()
    {
        if (double.IsNaN(SafetyFraction) || SafetyFraction is < 0 or >= 0.5)
            throw new ArgumentOutOfRangeException(nameof(SafetyFraction), SafetyFraction, "SafetyFraction must be at least 0 and below 0.5.");
        if (ClockUncertainty < TimeSpan.Zero || ClockUncertainty > TimeSpan.FromSeconds(10))
            throw new ArgumentOutOfRangeException(nameof(ClockUncertainty), ClockUncertainty, "ClockUncertainty must be between 0 and 10 seconds.");
    }
}
