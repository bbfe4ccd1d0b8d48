using BinanceSimulator.Hosting;
using CandleFunctions.Cli.Tests.Support;
using Xunit.Abstractions;

namespace CandleFunctions.Cli.Tests.RateLimits;

[Collection(PacedCollection.Name)]
public sealed class WeightLimitTests(ITestOutputHelper output)
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"];

    [Theory]
    [InlineData(40, "SECOND", 1, "2026-11-16")]
    [InlineData(120, "SECOND", 2, "2026-11-06")]
    public async Task A_sync_spanning_several_windows_never_exceeds_the_limit_and_gets_no_429(int limit, string interval, int intervalNum, string start)
    {
        await using var box = await Sandbox.StartAsync(o => Compress(o, limit, interval, intervalNum));
        box.WriteSymbols(Symbols);

        var run = await box.SyncAsync(start, "2026-11-20");

        Assert.True(run.ExitCode == 0, run.ToString());
        var counters = box.Simulator.Counters;
        output.WriteLine($"{limit}/{intervalNum} {interval}: weight {counters.TotalWeight} in {counters.TotalRequests} requests over "
                         + $"{counters.WeightByWindow.Count} windows, max {counters.MaxWindowWeight}; "
                         + $"windows: {string.Join(" ", counters.WeightByWindow.OrderBy(w => w.Key).Select(w => w.Value))}; "
                         + $"{run.Summary.Root.GetProperty("elapsedSeconds")} s");
        Assert.True(counters.WeightByWindow.Count >= 3, "the sync should span several windows");
        Assert.Equal(0, counters.TooManyRequests);
        Assert.Equal(0, run.Summary.TooManyRequests);
        Assert.InRange(counters.MaxWindowWeight, 1, limit);
        foreach (var symbol in Symbols)
            box.AssertExact(symbol, Sandbox.Range(start, "2026-11-20"));
    }

    internal static void Compress(SimulatorOptions options, int limit, string interval, int intervalNum)
    {
        options.Rest.WeightLimit = limit;
        options.Rest.Interval = interval;
        options.Rest.IntervalNum = intervalNum;
    }
}
