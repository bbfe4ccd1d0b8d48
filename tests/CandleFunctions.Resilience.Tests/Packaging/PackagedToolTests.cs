using System.Reflection;
using BinanceSimulator.Hosting;
using CandleFunctions.Cli;
using CandleFunctions.Core.Candles;
using CandleFunctions.Resilience.Tests.Support;

namespace CandleFunctions.Resilience.Tests.Packaging;

/// <summary>The packed .NET tool, installed into a temp tool path, works as the command a user puts on their PATH.</summary>
public sealed class PackagedToolTests(PackagedTool tool) : IClassFixture<PackagedTool>
{
    [Fact]
    public async Task The_installed_candles_prints_its_help_and_its_version()
    {
        var help = await tool.RunAsync("--help");
        var version = await tool.RunAsync("--version");

        Assert.True(help.Code == 0, help.ToString());
        Assert.Contains("Usage:", help.Output, StringComparison.Ordinal);
        Assert.Contains("sync", help.Output, StringComparison.Ordinal);
        Assert.Contains("verify", help.Output, StringComparison.Ordinal);
        Assert.True(version.Code == 0, version.ToString());
        var expected = typeof(CandlesApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(expected, version.Output.Trim());
    }

    [Fact]
    public async Task The_installed_candles_syncs_a_day_from_the_simulator_and_verifies_it()
    {
        await using var simulator = await SimulatorHost.StartAsync(Scenario.Options(Scenario.FastWeightPerSecond));
        using var folder = new TempFolder();
        var data = folder["data"];
        string[] symbols = ["BTCUSDT", "ETHUSDT"];
        var symbolsFile = Scenario.WriteSymbolsFile(folder.Path, symbols);

        var sync = await tool.RunAsync(
            "sync", "--data", data, "--symbols-file", symbolsFile, "--start", "2026-11-20", "--end", "2026-11-21",
            "--api-url", simulator.BaseUrl.ToString(), "--no-archive");
        var verify = await tool.RunAsync("verify", "--data", data);

        Assert.True(sync.Code == 0, sync.ToString());
        Assert.Contains("BTCUSDT: +1,440 candles", sync.Output, StringComparison.Ordinal);
        Assert.Null(GroundTruth.CoveredRowsProblem(data, simulator.Market, symbols));
        var day = new UtcRange(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero));
        foreach (var symbol in symbols)
            Assert.Equal(GroundTruth.Rows(simulator.Market, symbol, day), File.ReadAllLines(Path.Combine(data, symbol + ".csv")).Skip(1));
        Assert.True(verify.Code == 0, verify.ToString());
        Assert.Contains("2 ok, 0 with errors", verify.Output, StringComparison.Ordinal);
    }
}
