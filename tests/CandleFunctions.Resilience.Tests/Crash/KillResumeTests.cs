using System.Diagnostics;
using BinanceSimulator.Hosting;
using CandleFunctions.Resilience.Tests.Support;
using Xunit.Abstractions;

namespace CandleFunctions.Resilience.Tests.Crash;

/// <summary>
/// SIGKILL at random moments (seeded), many times over: after every kill the rows the ledgers cover are exactly the
/// exchange's, and the final resume ends byte-identical to a clean run.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class KillResumeTests(ReferenceRun reference, ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Sigkill_while_paced_by_the_rate_limit_then_resume_ends_byte_identical_to_a_clean_run()
    {
        // A one-second window of 16 weight: a whole run takes about ten seconds, mostly waiting for weight.
        await using var simulator = await SimulatorHost.StartAsync(Scenario.Options(Scenario.SlowWeightPerSecond));
        using var folder = new TempFolder();
        var args = Scenario.SyncArgs(folder["data"], Scenario.WriteSymbolsFile(folder.Path), simulator.BaseUrl);
        var random = new Random(20261202);
        var clock = Stopwatch.StartNew();

        var kills = 0;
        for (var cycle = 0; cycle < 12; cycle++)
            kills += await RunAndKillAsync(args, TimeSpan.FromMilliseconds(300 + random.Next(1300)), folder["data"], simulator);

        await ResumeAndCompareAsync(args, folder["data"]);
        output.WriteLine($"rate-limited: {kills} SIGKILLs landed mid-run out of 12, then one resume; {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Sigkill_while_writing_flat_out_then_resume_ends_byte_identical_to_a_clean_run()
    {
        // No pacing: a whole run takes about a second, most of it parsing, merging and writing files.
        await using var simulator = await SimulatorHost.StartAsync(Scenario.Options(Scenario.FastWeightPerSecond));
        var random = new Random(4711);
        var clock = Stopwatch.StartNew();
        var kills = 0;
        for (var round = 0; round < 6; round++)
        {
            using var folder = new TempFolder();
            var args = Scenario.SyncArgs(folder["data"], Scenario.WriteSymbolsFile(folder.Path), simulator.BaseUrl);
            kills += await RunAndKillAsync(args, TimeSpan.FromMilliseconds(250 + random.Next(900)), folder["data"], simulator);
            kills += await RunAndKillAsync(args, TimeSpan.FromMilliseconds(250 + random.Next(900)), folder["data"], simulator);
            await ResumeAndCompareAsync(args, folder["data"]);
        }
        output.WriteLine($"flat out: {kills} SIGKILLs landed mid-run out of 12 (6 fresh folders, two kills each, then a resume); {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Starts a sync, SIGKILLs it after <paramref name="delay"/>, checks the invariant; 1 when the kill landed mid-run.</summary>
    private async Task<int> RunAndKillAsync(List<string> args, TimeSpan delay, string data, SimulatorHost simulator)
    {
        using var candles = CandlesProcess.Start(args);
        await Task.Delay(delay);
        var landed = candles.HasExited ? 0 : 1;
        candles.Kill();
        var exit = await candles.WaitAsync(Generous);
        Assert.True(exit.Code is 0 or 137, exit.ToString());
        if (Directory.Exists(data))
        {
            Assert.Null(GroundTruth.CoveredRowsProblem(data, simulator.Market, Scenario.Symbols));
            // A kill may leave rows the ledger does not cover yet; anything else verify calls an error is damage.
            var verify = await InProcessCandles.RunAsync("verify", "--data", data, "--json");
            Assert.DoesNotMatch("\"issue\": \"(unreadableFile|unreadableLedger|badRow|outOfOrder|duplicate|impossiblePrices|negativeVolume)\"", verify.Output);
            var rows = Directory.EnumerateFiles(data, "*.csv").Sum(f => File.ReadLines(f).LongCount());
            var temps = Directory.EnumerateFiles(data, "*.tmp").Count();
            output.WriteLine($"  killed after {delay.TotalMilliseconds:F0} ms (exit {exit.Code}): {rows:N0} lines stored, {temps} temp files left");
        }
        return landed;
    }

    private async Task ResumeAndCompareAsync(List<string> args, string data)
    {
        var final = await CandlesProcess.RunAsync(args, Generous);
        Assert.True(final.Code == 0, final.ToString());
        Assert.Empty(Directory.EnumerateFiles(data, "*.tmp"));
        Assert.Null(DataSnapshot.Of(data).Difference(reference.Snapshot));
        var verify = await InProcessCandles.RunAsync("verify", "--data", data);
        Assert.True(verify.Code == 0 && !verify.Output.Contains("info:", StringComparison.Ordinal), verify.ToString());
    }
}
