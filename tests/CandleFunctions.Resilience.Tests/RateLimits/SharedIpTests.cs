using System.Diagnostics;
using BinanceSimulator.Hosting;
using BinanceSimulator.Rest;
using BinanceSimulator.Rest.RateLimiting;
using CandleFunctions.Resilience.Tests.Support;
using Xunit.Abstractions;

namespace CandleFunctions.Resilience.Tests.RateLimits;

/// <summary>
/// The IP is shared: with a killed run's weight still in the window, with a second candles process, with another
/// program. Each is seen only through the used-weight header, and none may get the IP banned.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SharedIpTests(ReferenceRun reference, ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(300);

    [Fact]
    public async Task Four_sigkills_at_random_moments_then_a_final_run_under_240_per_6_seconds_end_exact_without_a_418()
    {
        await using var simulator = await SimulatorHost.StartAsync(Scenario.Windowed(240, 6));
        using var folder = new TempFolder();
        var args = Scenario.SyncArgs(folder["data"], Scenario.WriteSymbolsFile(folder.Path), simulator.BaseUrl);
        var random = new Random(20261206);
        var clock = Stopwatch.StartNew();

        // Each restart meets the window its predecessor was filling: its first response's header must hold it back.
        for (var kill = 0; kill < 4; kill++)
        {
            using var candles = CandlesProcess.Start(args);
            await Task.Delay(TimeSpan.FromMilliseconds(200 + random.Next(1200)));
            candles.Kill();
            var killed = await candles.WaitAsync(Generous);
            Assert.True(killed.Code is 0 or 137, killed.ToString());
            Assert.Equal(0, simulator.Counters.Banned);
        }
        var final = await CandlesProcess.RunAsync(args, Generous);

        output.WriteLine($"4 kills then a resume: {simulator.Counters.TooManyRequests} 429s, {simulator.Counters.Banned} 418s, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(final.Code == 0, final.ToString());
        Assert.Equal(0, simulator.Counters.Banned);
        Assert.True(simulator.Counters.MaxWindowWeight <= 240);
        Assert.Null(DataSnapshot.Of(folder["data"]).Difference(reference.Snapshot));
    }

    [Fact]
    public async Task Two_processes_on_one_ip_at_40_weight_per_second_both_end_exact_without_a_418()
    {
        await using var simulator = await SimulatorHost.StartAsync(Scenario.Options(Scenario.MediumWeightPerSecond));
        using var folder = new TempFolder();
        var symbols = Scenario.WriteSymbolsFile(folder.Path);
        var clock = Stopwatch.StartNew();

        using var first = CandlesProcess.Start(Scenario.SyncArgs(folder["one"], symbols, simulator.BaseUrl));
        using var second = CandlesProcess.Start(Scenario.SyncArgs(folder["two"], symbols, simulator.BaseUrl));
        // Each sees the other only through the header (and keeps at most half the room it sees in flight); on a loaded
        // 2-core machine the pair can take minutes.
        var exits = await Task.WhenAll(first.WaitAsync(Patient), second.WaitAsync(Patient));

        output.WriteLine($"two processes: {simulator.Counters.TooManyRequests} 429s, {simulator.Counters.Banned} 418s, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.All(exits, e => Assert.True(e.Code == 0, e.ToString()));
        Assert.Equal(0, simulator.Counters.Banned);
        Assert.True(simulator.Counters.MaxWindowWeight <= Scenario.MediumWeightPerSecond);
        Assert.Null(DataSnapshot.Of(folder["one"]).Difference(reference.Snapshot));
        Assert.Null(DataSnapshot.Of(folder["two"]).Difference(reference.Snapshot));
    }

    [Fact]
    public async Task Two_processes_on_one_ip_at_40_weight_per_second_one_killed_and_restarted_mid_run_both_end_exact_without_a_418()
    {
        await using var simulator = await SimulatorHost.StartAsync(Scenario.Options(Scenario.MediumWeightPerSecond));
        using var folder = new TempFolder();
        var symbols = Scenario.WriteSymbolsFile(folder.Path);
        var secondArgs = Scenario.SyncArgs(folder["two"], symbols, simulator.BaseUrl);
        var clock = Stopwatch.StartNew();

        using var first = CandlesProcess.Start(Scenario.SyncArgs(folder["one"], symbols, simulator.BaseUrl));
        using (var killed = CandlesProcess.Start(secondArgs))
        {
            // Killed once it is sending klines beside the first: the restart meets a window both were filling.
            while (simulator.Counters.Requests(RestEndpoint.Klines) < 40 && !killed.HasExited)
                await Task.Delay(20);
            killed.Kill();
            await killed.WaitAsync(Patient);
        }
        using var restarted = CandlesProcess.Start(secondArgs);
        var exits = await Task.WhenAll(first.WaitAsync(Patient), restarted.WaitAsync(Patient));

        output.WriteLine($"two processes, one restarted: {simulator.Counters.TooManyRequests} 429s, {simulator.Counters.Banned} 418s, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.All(exits, e => Assert.True(e.Code == 0, e.ToString()));
        Assert.Equal(0, simulator.Counters.Banned);
        Assert.True(simulator.Counters.MaxWindowWeight <= Scenario.MediumWeightPerSecond);
        Assert.Null(DataSnapshot.Of(folder["one"]).Difference(reference.Snapshot));
        Assert.Null(DataSnapshot.Of(folder["two"]).Difference(reference.Snapshot));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Another_program_spending_40_percent_of_every_window_keeps_its_share_and_the_run_ends_exact(bool burst)
    {
        await using var simulator = await SimulatorHost.StartAsync(Scenario.Windowed(240, 6, new NeighbourOptions { Share = 0.4, Burst = burst }));
        using var folder = new TempFolder();
        var args = Scenario.SyncArgs(folder["data"], Scenario.WriteSymbolsFile(folder.Path), simulator.BaseUrl);

        var exit = await CandlesProcess.RunAsync(args, Generous);

        output.WriteLine($"neighbour 40% {(burst ? "burst" : "steady")}: {simulator.Counters.TooManyRequests} 429s to us, neighbour refused {simulator.Rest.NeighbourStarved} weight ({simulator.Rest.NeighbourTooManyRequests} 429s)");
        Assert.True(exit.Code == 0, exit.ToString());
        Assert.Equal(0, simulator.Counters.Banned);
        Assert.Null(DataSnapshot.Of(folder["data"]).Difference(reference.Snapshot));
    }

    [Fact]
    public async Task With_max_weight_share_one_half_another_program_always_has_half_of_every_window()
    {
        await using var simulator = await SimulatorHost.StartAsync(Scenario.Windowed(240, 6, new NeighbourOptions { Share = 0.5 }));
        using var folder = new TempFolder();
        var args = Scenario.SyncArgs(folder["data"], Scenario.WriteSymbolsFile(folder.Path), simulator.BaseUrl, "--max-weight-share", "0.5");

        var exit = await CandlesProcess.RunAsync(args, Generous);

        // Our weight per window (server clock) says where the neighbour was crowded out, if it was.
        var ours = string.Join(' ', simulator.Counters.WeightByWindow.OrderBy(w => w.Key).Select(w => $"{w.Key:HH:mm:ss.fff}={w.Value}"));
        output.WriteLine($"our weight per window: {ours}");
        Assert.True(exit.Code == 0, exit.ToString());
        Assert.True(simulator.Rest.NeighbourStarved == 0, $"the neighbour was refused {simulator.Rest.NeighbourStarved} weight; ours per window: {ours}");
        Assert.Equal(0, simulator.Counters.TooManyRequests);
        Assert.Null(DataSnapshot.Of(folder["data"]).Difference(reference.Snapshot));
    }
}
