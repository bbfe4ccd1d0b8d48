using BinanceSimulator.Rest;
using BinanceSimulator.Rest.Faults;
using CandleFunctions.Activities;
using CandleFunctions.Engine.Tests.Support;
using CandleFunctions.Orchestration;

namespace CandleFunctions.Engine.Tests.Scenarios;

/// <summary>429 and 418 on the real engine: the entity's pause is slept on real durable timers.</summary>
[Collection(EngineCollection.Name)]
public sealed class RateLimitScenarioTests(StorageEmulator storage)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task After_a_429_the_next_request_waits_on_a_durable_timer_until_the_window_turns()
    {
        await using var rig = await EngineRig.StartAsync(storage, FiveSecondWindows);
        rig.Simulator.Rest.ForceNext(RestFault.TooManyRequests, 1, RestEndpoint.Klines);
        var range = Days.Range(2, 0, 8);

        var summary = rig.Summary(await rig.RunAsync(new SyncInput(["BTCUSDT"], null, range.Start, range.End)));

        Assert.Equal("synced", summary.Symbols.Single().Status);
        Assert.Equal(1, summary.TooManyRequests);
        var klines = rig.Requests.Sent.Where(r => r.Path.EndsWith("/klines", StringComparison.Ordinal)).ToList();
        var limited = klines.FindIndex(r => r.Status == 429);
        var windowEnd = WindowEnd(klines[limited].SentAt);
        Assert.True(klines.Count > limited + 1, "nothing was sent after the 429");
        Assert.True(klines[limited + 1].SentAt >= windowEnd, $"sent at {klines[limited + 1].SentAt:HH:mm:ss.fff}, window ends {windowEnd:HH:mm:ss.fff}");
        await rig.AssertExactAsync("BTCUSDT", range);
    }

    [Fact]
    public async Task After_a_418_no_weight_is_granted_until_the_ban_ends()
    {
        await using var rig = await EngineRig.StartAsync(storage, FiveSecondWindows);
        DateTimeOffset? bannedUntil = null;
        rig.Engine.Worker.BeforeActivity = (name, _) =>
        {
            // Banned as the first symbol activity starts: its first request meets the 418.
            if (name is FetchEdgesActivity.Name or FetchChunkActivity.Name && bannedUntil is null)
            {
                rig.Simulator.Rest.Ban(TimeSpan.FromSeconds(8));
                bannedUntil = rig.Simulator.Rest.BannedUntil;
            }
            return Task.CompletedTask;
        };
        var range = Days.Range(2, 0, 8);

        var summary = rig.Summary(await rig.RunAsync(new SyncInput(["BTCUSDT", "ETHUSDT"], null, range.Start, range.End)));

        Assert.NotNull(bannedUntil);
        Assert.Equal(["synced", "synced"], summary.Symbols.Select(s => s.Status));
        var sent = rig.Requests.Sent;
        var banned = sent.Where(r => r.Status == 418).ToList();
        Assert.NotEmpty(banned);
        Assert.Equal(summary.Bans, banned.Count);
        // Only requests already under way when the ban began may meet it; every later one leaves after it ends.
        var after = sent.Where(r => r.SentAt > banned.Max(b => b.SentAt)).ToList();
        Assert.NotEmpty(after);
        Assert.All(after, r => Assert.True(r.SentAt >= bannedUntil!.Value, $"sent at {r.SentAt:HH:mm:ss.fff}, banned until {bannedUntil:HH:mm:ss.fff}"));
        await rig.AssertExactAsync("BTCUSDT", range);
        await rig.AssertExactAsync("ETHUSDT", range);
    }

    private static void FiveSecondWindows(BinanceSimulator.Hosting.SimulatorOptions options)
    {
        options.Rest.Interval = "SECOND";
        options.Rest.IntervalNum = 5;
        options.Rest.WeightLimit = 600;
    }

    private static DateTimeOffset WindowEnd(DateTimeOffset at) =>
        DateTimeOffset.FromUnixTimeMilliseconds((at.ToUnixTimeMilliseconds() / (long)Window.TotalMilliseconds + 1) * (long)Window.TotalMilliseconds);
}
