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
}
