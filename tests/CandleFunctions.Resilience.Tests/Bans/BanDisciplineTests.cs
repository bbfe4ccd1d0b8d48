using BinanceSimulator.Hosting;
using BinanceSimulator.Rest;
using BinanceSimulator.Rest.Faults;
using CandleFunctions.Cli;
using CandleFunctions.Resilience.Tests.Support;
using CandleFunctions.Storage.State;
using Xunit.Abstractions;

namespace CandleFunctions.Resilience.Tests.Bans;

/// <summary>429 pauses until the window turns, 418 stops everything until the ban ends, and the ban outlives the process.</summary>
[Collection(ProcessCollection.Name)]
public sealed class BanDisciplineTests(ReferenceRun reference, ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_418_mid_run_stops_with_exit_3_at_once_and_no_request_goes_out_until_the_ban_ends_even_after_a_restart()
    {
        await using var simulator = await SimulatorHost.StartAsync(Scenario.Options(Scenario.MediumWeightPerSecond));
        using var folder = new TempFolder();
        var data = folder["data"];
        var args = Scenario.SyncArgs(data, Scenario.WriteSymbolsFile(folder.Path), simulator.BaseUrl);

        CandlesExit banned;
        using (var candles = CandlesProcess.Start(args))
        {
            Assert.True(await candles.WaitForLineAsync(l => l.Contains("candles to fetch", StringComparison.Ordinal), Generous));
            // Much longer than the test may take: the run must stop at the first 418, not sleep through the ban.
            simulator.Rest.Ban(TimeSpan.FromMinutes(30));
            banned = await candles.WaitAsync(Generous);
        }
        Assert.Equal(ExitCodes.Stopped, banned.Code);
        Assert.Contains("Stopped: Binance banned this IP until", banned.Error, StringComparison.Ordinal);
        // Requests already in flight when the ban began may meet it; nothing is sent after the first 418 comes back.
        Assert.InRange(simulator.Counters.Banned, 1, 8);
        var remembered = (await RunStateFile.LoadAsync(data, CancellationToken.None)).BannedUntil;
        Assert.NotNull(remembered);
        Assert.InRange(remembered.Value, simulator.Rest.BannedUntil!.Value.AddSeconds(-2), simulator.Rest.BannedUntil!.Value.AddSeconds(2));
        Assert.Null(GroundTruth.CoveredRowsProblem(data, simulator.Market, Scenario.Symbols));

        var sent = simulator.Counters.TotalRequests;
        var restarted = await CandlesProcess.RunAsync(args, Generous);
        Assert.Equal(ExitCodes.Stopped, restarted.Code);
        Assert.Contains("remembered from an earlier run", restarted.Error, StringComparison.Ordinal);
        Assert.Equal(sent, simulator.Counters.TotalRequests);

        // The ban ends (on both sides): the next run completes the job.
        simulator.Rest.ResetLimits();
        await RunStateFile.SaveAsync(data, new RunState(DateTimeOffset.UtcNow.AddSeconds(-1)), CancellationToken.None);
        var bans = simulator.Counters.Banned;
        var resumed = await CandlesProcess.RunAsync(args, Generous);
        Assert.True(resumed.Code == 0, resumed.ToString());
        Assert.Equal(bans, simulator.Counters.Banned);
        Assert.Null(DataSnapshot.Of(data).Difference(reference.Snapshot));
    }

    [Fact]
    public async Task Repeated_forced_429s_pause_the_run_each_time_and_never_lead_to_a_ban()
    {
        // The simulator bans after three 429s in one window: a client that kept sending after a 429 would collect
        // the next forced one in the same window and soon be banned.
        var options = Scenario.Options(Scenario.MediumWeightPerSecond);
        await using var simulator = await SimulatorHost.StartAsync(options);
        using var folder = new TempFolder();
        var data = folder["data"];
        var args = Scenario.SyncArgs(data, Scenario.WriteSymbolsFile(folder.Path), simulator.BaseUrl);

        // Every eighth klines request meets a 429, so the request retried after a pause is not the one that meets the next.
        using var stop = new CancellationTokenSource();
        var forcing = Task.Run(async () =>
        {
            var next = 8L;
            while (!stop.IsCancellationRequested)
            {
                if (simulator.Counters.Requests(RestEndpoint.Klines) >= next && simulator.Rest.PendingForced == 0)
                {
                    simulator.Rest.ForceNext(RestFault.TooManyRequests, 1, RestEndpoint.Klines);
                    next = simulator.Counters.Requests(RestEndpoint.Klines) + 8;
                }
                await Task.Delay(5);
            }
        });
        var exit = await CandlesProcess.RunAsync(args, Generous);
        await stop.CancelAsync();
        await forcing;
        simulator.Rest.ClearForced();

        output.WriteLine($"{simulator.Counters.TooManyRequests} forced 429s, {simulator.Counters.Banned} 418s, {simulator.Counters.TotalRequests} requests");
        Assert.True(exit.Code == 0, exit.ToString());
        Assert.Equal(0, simulator.Counters.Banned);
        Assert.True(simulator.Counters.TooManyRequests >= 5, $"only {simulator.Counters.TooManyRequests} 429s were served");
        Assert.Null(DataSnapshot.Of(data).Difference(reference.Snapshot));
    }
}
