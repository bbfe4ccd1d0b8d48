namespace BinanceSimulator.Rest.RateLimiting;

/// <summary>
/// Another program on the same IP (a trading bot, say): it spends a share of every window's limit, seen by clients
/// only through the used-weight header. When the window has no room left it is refused once (a 429 that counts toward
/// the IP's ban like any other) and waits for the next window, as a polite bot does.
/// </summary>
public sealed class NeighbourOptions
{
    /// <summary>The share of the limit it spends per window, 0 to 1. <value>0 (no neighbour)</value></summary>
    public double Share { get; set; }

    /// <summary>True: all of it at the window's start; false: steadily through the window. <value>false</value></summary>
    public bool Burst { get; set; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (double.IsNaN(Share) || Share is < 0 or > 1)
            throw new ArgumentException("Rest.Neighbour.Share must lie in [0, 1].", nameof(Share));
    }
}
