using BinanceSimulator.Hosting;
using CandleFunctions.Cli;
using CandleFunctions.Resilience.Tests.Support;

namespace CandleFunctions.Resilience.Tests.Crash;

/// <summary>SIGINT (Ctrl+C) and SIGTERM stop a sync cleanly with exit code 3; the resume ends byte-identical to a clean run.</summary>
[Collection(ProcessCollection.Name)]
public sealed class StopSignalTests(ReferenceRun reference)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(2)]
    [InlineData(15)]
    public async Task A_stop_signal_mid_run_exits_3_keeps_what_the_ledger_covers_and_the_resume_completes_it(int signal)
    {
        await using var simulator = await SimulatorHost.StartAsync(Scenario.Options(Scenario.MediumWeightPerSecond));
        using var folder = new TempFolder();
        var data = folder["data"];
        var args = Scenario.SyncArgs(data, Scenario.WriteSymbolsFile(folder.Path), simulator.BaseUrl);

        ProcessExitState stopped;
        using (var candles = CandlesProcess.Start(args))
        {
            Assert.True(await candles.WaitForLineAsync(l => l.Contains("candles to fetch", StringComparison.Ordinal), Generous));
            await Task.Delay(300);
            Assert.False(candles.HasExited, "the run ended before the signal; the scenario is too short");
            candles.Send(signal);
            var exit = await candles.WaitAsync(Generous);
            stopped = new ProcessExitState(exit.Code, exit.Error, DataSnapshot.Of(data));
        }

        Assert.Equal(ExitCodes.Stopped, stopped.Code);
        Assert.Contains("Stopped by the user. Everything fetched so far is saved; run again to continue.", stopped.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(data, "*.tmp"));
        Assert.Null(GroundTruth.CoveredRowsProblem(data, simulator.Market, Scenario.Symbols));
        Assert.NotNull(stopped.Snapshot.Difference(reference.Snapshot));

        var resumed = await CandlesProcess.RunAsync(args, Generous);
        Assert.True(resumed.Code == 0, resumed.ToString());
        Assert.Null(DataSnapshot.Of(data).Difference(reference.Snapshot));
    }

    private sealed record ProcessExitState(int Code, string Error, DataSnapshot Snapshot);
}
