using BinanceSimulator.Hosting;
using BinanceSimulator.Market;
using BinanceSimulator.Rest.Faults;
using BinanceSimulator.Rest.RateLimiting;

namespace BinanceSimulator.Rest;

/// <summary>The REST side of one simulator: its limiter, faults, counters and request pipeline.</summary>
public sealed class RestSimulator
{
    public RestSimulator(RestOptions options, SimulatedMarket market, SimulatorClock clock)
    {
        options.Validate();
        Options = options;
        Market = market;
        Clock = clock;
        var ledger = new WeightLedger(options);
        var faults = new FaultInjector(options);
        Counters = new RestCounters(options);
        Control = new RestControl(faults, ledger, clock, options);
        Pipeline = new RestPipeline(options, clock, ledger, faults, Counters);
    }

    public RestOptions Options { get; }

    public SimulatedMarket Market { get; }

    public SimulatorClock Clock { get; }

    public RestCounters Counters { get; }

    public RestControl Control { get; }

    internal RestPipeline Pipeline { get; }
}
