using BinanceSimulator.Hosting;
using BinanceSimulator.Rest;
using CandleFunctions.Cli;
using CandleFunctions.Resilience.Tests.Support;

namespace CandleFunctions.Resilience.Tests.Concurrency;

/// <summary>Two syncs on one data folder at once: the OS lock lets one write and turns the other away with a clear message.</summary>
[Collection(ProcessCollection.Name)]
public sealed class SameFolderTests(ReferenceRun reference)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Two_syncs_started_together_on_one_folder_one_refuses_and_the_other_ends_byte_identical_to_a_clean_run()
    {
        await using var simulator = await SimulatorHost.StartAsync(Scenario.Options(Scenario.MediumWeightPerSecond));
        using var folder = new TempFolder();
        var data = folder["data"];
        var args = Scenario.SyncArgs(data, Scenario.WriteSymbolsFile(folder.Path), simulator.BaseUrl);

        using var first = CandlesProcess.Start(args);
        using var second = CandlesProcess.Start(args);
        var exits = await Task.WhenAll(first.WaitAsync(Generous), second.WaitAsync(Generous));

        var refused = Assert.Single(exits, e => e.Code != 0);
        Assert.Single(exits, e => e.Code == 0);
        Assert.Equal(ExitCodes.SomeFailed, refused.Code);
        Assert.Contains($"candles: Another candles sync is using {data} (it holds {Path.Combine(data, ".candles.lock")}). Wait for it to finish or stop it, then try again.",
            refused.Error, StringComparison.Ordinal);
        Assert.Null(DataSnapshot.Of(data).Difference(reference.Snapshot));
    }

    [Fact]
    public async Task A_sync_started_while_another_runs_is_turned_away_before_printing_or_writing_anything()
    {
        await using var simulator = await SimulatorHost.StartAsync(Scenario.Options(Scenario.MediumWeightPerSecond));
        using var folder = new TempFolder();
        var data = folder["data"];
        var args = Scenario.SyncArgs(data, Scenario.WriteSymbolsFile(folder.Path), simulator.BaseUrl);

        using var running = CandlesProcess.Start(args);
        Assert.True(await running.WaitForLineAsync(l => l.Contains("candles to fetch", StringComparison.Ordinal), Generous));
        var late = await CandlesProcess.RunAsync(args, Generous);
        running.Kill();

        Assert.Equal(ExitCodes.SomeFailed, late.Code);
        Assert.Contains("Another candles sync is using", late.Error, StringComparison.Ordinal);
        Assert.Equal("", late.Output);
        // Every run starts with exchangeInfo: the refused one sent nothing at all.
        Assert.Equal(1, simulator.Counters.Requests(RestEndpoint.ExchangeInfo));
    }
}
