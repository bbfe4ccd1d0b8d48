using BinanceSimulator.Rest;
using BinanceSimulator.Rest.Faults;
using CandleFunctions.Cli.Tests.Support;

namespace CandleFunctions.Cli.Tests.RateLimits;

[Collection(PacedCollection.Name)]
public sealed class TooManyRequestsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_a_429_the_run_pauses_and_still_completes_exactly(bool sendRetryAfter)
    {
        await using var box = await Sandbox.StartAsync(o =>
        {
            WeightLimitTests.Compress(o, 40, "SECOND", 1);
            o.Rest.SendRetryAfter = sendRetryAfter;
        });
        box.WriteSymbols("BTCUSDT", "ETHUSDT");
        box.Simulator.Rest.ForceNext(RestFault.TooManyRequests, 1, RestEndpoint.Klines);

        var run = await box.SyncAsync("2026-11-20", "2026-11-21");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(1, box.Simulator.Counters.TooManyRequests);
        Assert.Equal(1, run.Summary.TooManyRequests);
        Assert.Equal(0, run.Summary.Bans);
        box.AssertExact("BTCUSDT", Sandbox.Range("2026-11-20", "2026-11-21"));
        box.AssertExact("ETHUSDT", Sandbox.Range("2026-11-20", "2026-11-21"));
    }
}
