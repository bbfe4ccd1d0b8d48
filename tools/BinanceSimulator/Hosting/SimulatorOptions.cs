using BinanceSimulator.Archive;
using BinanceSimulator.Rest;

namespace BinanceSimulator.Hosting;

/// <summary>Everything that shapes one simulator instance; loadable from a JSON file (--config).</summary>
public sealed class SimulatorOptions
{
    /// <summary>REST behaviour: rate limits, bans, faults, latency.</summary>
    public RestOptions Rest { get; set; } = new();

    /// <summary>Public archive behaviour: publication lag and defects.</summary>
    public ArchiveOptions Archive { get; set; } = new();

    /// <summary>
    /// Offset of the exchange's clock from the host's clock (server = host + offset), so clients must
    /// learn the server's time rather than assume their own. Default zero.
    /// </summary>
    public TimeSpan ClockOffset { get; set; } = TimeSpan.Zero;
}
