using BinanceSimulator.Rest;
using BinanceSimulator.Rest.Faults;
using static BinanceSimulator.Tests.Rest.RunningSimulator;

namespace BinanceSimulator.Tests.Rest;

public sealed class CountersTests
{
    [Fact]
    public async Task Requests_AreCountedByEndpointAndStatus()
    {
        await using var sim = await StartAsync();
        await sim.GetAsync("fapi/v1/ping");
        await sim.KlinesAsync("symbol=BTCUSDT&limit=1");
        await sim.KlinesAsync("symbol=NOPEUSDT&limit=1");

        var counters = sim.Host.Counters;

        Assert.Equal(3, counters.TotalRequests);
        Assert.Equal(1, counters.RequestsByEndpointAndStatus[(RestEndpoint.Ping, 200)]);
        Assert.Equal(1, counters.Requests(RestEndpoint.Klines, 200));
        Assert.Equal(1, counters.Requests(RestEndpoint.Klines, 400));
        Assert.Equal(2, counters.Requests(RestEndpoint.Klines));
    }

    [Fact]
    public async Task Weight_IsCountedPerWindow_WithTheLargestWindow()
    {
        await using var sim = await StartAsync();
        await sim.KlinesAsync("symbol=BTCUSDT&limit=500");
        await sim.KlinesAsync("symbol=BTCUSDT&limit=100");
        sim.Time.Advance(TimeSpan.FromMinutes(1));
        await sim.GetAsync("fapi/v1/ping");

        var counters = sim.Host.Counters;

        Assert.Equal(8, counters.TotalWeight);
        Assert.Equal(7, counters.MaxWindowWeight);
        Assert.Equal(7, counters.WeightByWindow[At("2026-12-01 00:00:00")]);
        Assert.Equal(1, counters.WeightByWindow[At("2026-12-01 00:01:00")]);
    }

    [Fact]
    public async Task TooManyAndBanned_AreCounted()
    {
        await using var sim = await StartAsync(o => { o.Rest.WeightLimit = 1; o.Rest.BanAfterTooManyRequests = 2; });
        for (var i = 0; i < 5; i++)
            await sim.GetAsync("fapi/v1/ping");

        Assert.Equal(2, sim.Host.Counters.TooManyRequests);
        Assert.Equal(2, sim.Host.Counters.Banned);
    }

    [Fact]
    public async Task Faults_AreCountedByKind()
    {
        await using var sim = await StartAsync();
        sim.Host.Rest.ForceNext(RestFault.UnknownError, 2);
        sim.Host.Rest.ForceNext(RestFault.TooManyRequests);
        for (var i = 0; i < 4; i++)
            await sim.GetAsync("fapi/v1/ping");

        Assert.Equal(3, sim.Host.Counters.FaultsInjected);
        Assert.Equal(2, sim.Host.Counters.Faults(RestFault.UnknownError));
        Assert.Equal(1, sim.Host.Counters.Faults(RestFault.TooManyRequests));
    }

    [Fact]
    public async Task Counters_AreExactUnderConcurrentRequests()
    {
        await using var sim = await StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => sim.GetAsync("fapi/v1/ping")));

        Assert.Equal(40, sim.Host.Counters.Requests(RestEndpoint.Ping, 200));
        Assert.Equal(40, sim.Host.Counters.TotalWeight);
        Assert.Equal(40, sim.Host.Rest.UsedWeight);
    }

    [Fact]
    public async Task Reset_ZeroesEveryCounter()
    {
        await using var sim = await StartAsync();
        await sim.GetAsync("fapi/v1/ping");

        sim.Host.Counters.Reset();

        Assert.Equal(0, sim.Host.Counters.TotalRequests);
        Assert.Equal(0, sim.Host.Counters.TotalWeight);
        Assert.Empty(sim.Host.Counters.WeightByWindow);
    }
}
