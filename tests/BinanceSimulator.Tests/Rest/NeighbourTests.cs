using BinanceSimulator.Rest.RateLimiting;
using static BinanceSimulator.Tests.Rest.RunningSimulator;

namespace BinanceSimulator.Tests.Rest;

/// <summary>Another program on the same IP: seen only through the used-weight header.</summary>
public sealed class NeighbourTests
{
    // 240 per six-second window; the fake clock starts at :30, a window boundary.
    private static Task<RunningSimulator> StartAsync(double share, bool burst, int limit = 240) =>
        RunningSimulator.StartAsync(o =>
        {
            o.Rest.WeightLimit = limit;
            o.Rest.Interval = "SECOND";
            o.Rest.IntervalNum = 6;
            o.Rest.Neighbour = new NeighbourOptions { Share = share, Burst = burst };
        });

    [Fact]
    public async Task Steady_SpendsItsShareInProportionToTheWindowElapsed()
    {
        await using var sim = await StartAsync(0.5, burst: false);

        var early = await sim.GetAsync("fapi/v1/ping");
        sim.Time.Advance(TimeSpan.FromSeconds(3));
        var half = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal("1", early.Header("x-mbx-used-weight-6s"));
        Assert.Equal("62", half.Header("x-mbx-used-weight-6s"));
        Assert.Equal(60, sim.Host.Rest.NeighbourWeight);
    }

    [Fact]
    public async Task Burst_SpendsItsWholeShareAtTheWindowsStart()
    {
        await using var sim = await StartAsync(0.4, burst: true);

        var first = await sim.GetAsync("fapi/v1/ping");
        sim.Time.Advance(TimeSpan.FromSeconds(5));
        var late = await sim.GetAsync("fapi/v1/ping");
        sim.Time.Advance(TimeSpan.FromSeconds(1));
        var next = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal("97", first.Header("x-mbx-used-weight-6s"));
        Assert.Equal("98", late.Header("x-mbx-used-weight-6s"));
        Assert.Equal("97", next.Header("x-mbx-used-weight-6s"));
    }

    [Fact]
    public async Task Starved_MeetsOne429PerWindow_WhichCountsTowardTheIpsBan()
    {
        await using var sim = await StartAsync(0.5, burst: false, limit: 10);
        for (var i = 0; i < 10; i++)
            Assert.Equal(200, (await sim.GetAsync("fapi/v1/ping")).Status);

        sim.Time.Advance(TimeSpan.FromSeconds(3));
        var ours = await sim.GetAsync("fapi/v1/ping");
        var again = await sim.GetAsync("fapi/v1/ping");
        var banned = await sim.GetAsync("fapi/v1/ping");

        // The neighbour's refusal is the first 429 of the window, ours the second and third; the next request is banned.
        Assert.Equal((429, 429, 418), (ours.Status, again.Status, banned.Status));
        Assert.Equal((1L, 5L), (sim.Host.Rest.NeighbourTooManyRequests, sim.Host.Rest.NeighbourStarved));
    }

    [Fact]
    public async Task None_ByDefault_TheHeaderCountsOnlyOurWeight()
    {
        await using var sim = await StartAsync(0, burst: false);
        sim.Time.Advance(TimeSpan.FromSeconds(5));

        var reply = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal("1", reply.Header("x-mbx-used-weight-6s"));
        Assert.Equal(0, sim.Host.Rest.NeighbourWeight);
    }
}
