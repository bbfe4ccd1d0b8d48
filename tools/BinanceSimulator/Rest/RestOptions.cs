using BinanceSimulator.Rest.Faults;

namespace BinanceSimulator.Rest;

/// <summary>REST behaviour of the simulator.</summary>
public sealed class RestOptions
{
    /// <summary>REQUEST_WEIGHT limit per window. <value>2400, as on mainnet.</value></summary>
    public int WeightLimit { get; set; } = 2400;

    /// <summary>Window unit as exchangeInfo names it: SECOND, MINUTE, HOUR or DAY. <value>MINUTE</value></summary>
    public string Interval { get; set; } = "MINUTE";

    /// <summary>Window length in units. <value>1</value></summary>
    public int IntervalNum { get; set; } = 1;

    /// <summary>How many 429s one window may collect before the next request starts a ban. <value>3</value></summary>
    public int BanAfterTooManyRequests { get; set; } = 3;

    /// <summary>How long an IP ban (HTTP 418) lasts. <value>2 minutes, Binance's shortest ban.</value></summary>
    public TimeSpan BanDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether 429 and 418 carry a Retry-After header; fapi does not document one. <value>false</value></summary>
    public bool SendRetryAfter { get; set; }

    /// <summary>Whether bodies are gzip-compressed for a request that accepts gzip, as the exchange does. <value>true</value></summary>
    public bool Compress { get; set; } = true;

    /// <summary>Smallest extra delay before every response (real time). <value>zero</value></summary>
    public TimeSpan LatencyMin { get; set; } = TimeSpan.Zero;

    /// <summary>Largest extra delay before every response (real time). <value>zero</value></summary>
    public TimeSpan LatencyMax { get; set; } = TimeSpan.Zero;

    /// <summary>Another program spending weight on the same IP. <value>none</value></summary>
    public RateLimiting.NeighbourOptions Neighbour { get; set; } = new();

    /// <summary>Randomly injected faults (seeded, deterministic). <value>none</value></summary>
    public FaultOptions Faults { get; set; } = new();

    /// <summary>Length of one rate-limit window.</summary>
    public TimeSpan Window => IntervalUnit(Interval) * IntervalNum;

    /// <summary>The used-weight header name, e.g. x-mbx-used-weight-1m.</summary>
    public string UsedWeightHeader => $"x-mbx-used-weight-{IntervalNum}{char.ToLowerInvariant(Interval[0])}";

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        _ = IntervalUnit(Interval);
        Require(WeightLimit >= 1, nameof(WeightLimit), "must be at least 1");
        Require(IntervalNum >= 1, nameof(IntervalNum), "must be at least 1");
        Require(BanAfterTooManyRequests >= 1, nameof(BanAfterTooManyRequests), "must be at least 1");
        Require(BanDuration > TimeSpan.Zero, nameof(BanDuration), "must be positive");
        Require(LatencyMin >= TimeSpan.Zero && LatencyMax >= LatencyMin, nameof(LatencyMax), "must be at least LatencyMin, which must not be negative");
        Faults.Validate();
        Neighbour.Validate();
    }

    private static TimeSpan IntervalUnit(string interval) => interval switch
    {
        "SECOND" => TimeSpan.FromSeconds(1),
        "MINUTE" => TimeSpan.FromMinutes(1),
        "HOUR" => TimeSpan.FromHours(1),
        "DAY" => TimeSpan.FromDays(1),
        _ => throw new ArgumentException($"Rest.Interval '{interval}' must be SECOND, MINUTE, HOUR or DAY.", nameof(Interval)),
    };

    private static void Require(bool ok, string name, string rule)
    {
        if (!ok)
            throw new ArgumentException($"Rest.{name} {rule}.", name);
    }
}
