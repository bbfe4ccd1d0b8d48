using CandleFunctions.Cli.Tests.Support;
using CandleFunctions.Storage.State;
using CandleFunctions.Sync;

namespace CandleFunctions.Cli.Tests.RateLimits;

[Collection(PacedCollection.Name)]
public sealed class BanTests
{
    // Long, as real bans often are: a run that waited it out instead of stopping would never end.
    private static readonly TimeSpan BanLength = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_ban_mid_run_stops_at_once_with_exit_3_keeps_the_committed_candles_and_is_remembered()
    {
        var clock = new TestClock(Sandbox.DefaultNow);
        await using var box = await Sandbox.StartAsync(o => WeightLimitTests.Compress(o, 40, "SECOND", 1), clock);
        box.WriteSymbols("BTCUSDT");
        // 41 pages: a first commit of 20, then a batch whose pages wait for weight when the ban comes.
        var range = Sandbox.Range("2026-11-01", "2026-11-15");

        var running = box.SyncAsync("2026-11-01", "2026-11-15");
        await Eventually.WaitUntilAsync(() => File.Exists(box.LedgerPath("BTCUSDT")) || running.IsCompleted, "a first batch is committed");
        box.Simulator.Rest.Ban(BanLength);
        var run = await StopsAsync(running);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("banned", run.Stderr);
        // Only requests already in flight when the ban began may meet it (some of them cancelled before their 418 was read).
        Assert.InRange(box.Simulator.Counters.Banned, 1, new SyncOptions().MaxConcurrentRequests);
        Assert.InRange(run.Summary.Bans, 1, box.Simulator.Counters.Banned);
        Assert.Equal("interrupted", run.Summary.Symbol("BTCUSDT").Status);
        var stored = box.Stored("BTCUSDT");
        Assert.NotEmpty(stored);
        box.AssertStoredRowsAreTrue("BTCUSDT", range);
        var state = await RunStateFile.LoadAsync(box.DataDirectory, CancellationToken.None);
        Assert.NotNull(state.BannedUntil);
        Assert.Equal(run.Summary.BannedUntil, state.BannedUntil);
        Assert.InRange(state.BannedUntil.Value, clock.GetUtcNow() + BanLength - TimeSpan.FromSeconds(10), clock.GetUtcNow() + BanLength + TimeSpan.FromSeconds(1));

        clock.Jump(BanLength + TimeSpan.FromSeconds(5));
        var after = await box.SyncAsync("2026-11-01", "2026-11-15");

        Assert.True(after.ExitCode == 0, after.ToString());
        box.AssertExact("BTCUSDT", range);
    }

    [Fact]
    public async Task While_a_remembered_ban_lasts_a_run_exits_3_without_sending_anything_and_after_it_completes()
    {
        var clock = new TestClock(Sandbox.DefaultNow);
        await using var box = await Sandbox.StartAsync(time: clock);
        box.WriteSymbols("BTCUSDT", "ETHUSDT");
        box.Simulator.Rest.Ban(BanLength);
        var banned = await box.SyncAsync("2026-11-20", "2026-11-21");
        Assert.True(banned.ExitCode == 3, banned.ToString());
        var requests = box.Simulator.Counters.TotalRequests;

        var again = await box.SyncAsync("2026-11-20", "2026-11-21");

        Assert.True(again.ExitCode == 3, again.ToString());
        Assert.Contains("banned", again.Stderr);
        Assert.Equal(requests, box.Simulator.Counters.TotalRequests);

        // Past the ban's end, with room for the client rounding its deadline up.
        clock.Jump(BanLength + TimeSpan.FromSeconds(5));
        var after = await box.SyncAsync("2026-11-20", "2026-11-21");

        Assert.True(after.ExitCode == 0, after.ToString());
        box.AssertExact("BTCUSDT", Sandbox.Range("2026-11-20", "2026-11-21"));
        box.AssertExact("ETHUSDT", Sandbox.Range("2026-11-20", "2026-11-21"));
    }

    [Fact]
    public async Task A_short_remembered_ban_is_waited_out_with_a_countdown_and_the_run_completes()
    {
        var clock = new TestClock(Sandbox.DefaultNow);
        await using var box = await Sandbox.StartAsync(time: clock);
        box.WriteSymbols("BTCUSDT");
        var until = clock.GetUtcNow() + TimeSpan.FromSeconds(6);
        Directory.CreateDirectory(box.DataDirectory);
        await RunStateFile.SaveAsync(box.DataDirectory, new RunState(until), CancellationToken.None);

        var running = box.SyncAsync("2026-11-20", "2026-11-21", "--max-ban-wait", "30");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var sentDuringTheBan = box.Simulator.Counters.TotalRequests;
        var run = await running.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, sentDuringTheBan);
        Assert.True(clock.GetUtcNow() >= until);
        Assert.Contains("remembered from an earlier run", run.Stderr);
        Assert.Contains("ban ends in", run.Stderr);
        Assert.Contains("Ban over: carrying on.", run.Stderr);
        box.AssertExact("BTCUSDT", Sandbox.Range("2026-11-20", "2026-11-21"));
    }

    [Fact]
    public async Task A_short_ban_mid_run_is_waited_out_and_the_run_goes_on_to_exit_0()
    {
        var clock = new TestClock(Sandbox.DefaultNow);
        await using var box = await Sandbox.StartAsync(o => WeightLimitTests.Compress(o, 40, "SECOND", 1), clock);
        box.WriteSymbols("BTCUSDT");
        var range = Sandbox.Range("2026-11-01", "2026-11-15");

        var running = box.SyncAsync("2026-11-01", "2026-11-15", "--max-ban-wait", "60");
        await Eventually.WaitUntilAsync(() => File.Exists(box.LedgerPath("BTCUSDT")) || running.IsCompleted, "a first batch is committed");
        box.Simulator.Rest.Ban(TimeSpan.FromSeconds(4));
        var run = await running.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("a 418 during this run", run.Stderr);
        Assert.Contains("Ban over: carrying on.", run.Stderr);
        box.AssertExact("BTCUSDT", range);
    }

    [Fact]
    public async Task Ctrl_C_while_waiting_out_a_ban_exits_3_at_once()
    {
        var clock = new TestClock(Sandbox.DefaultNow);
        await using var box = await Sandbox.StartAsync(time: clock);
        box.WriteSymbols("BTCUSDT");
        Directory.CreateDirectory(box.DataDirectory);
        await RunStateFile.SaveAsync(box.DataDirectory, new RunState(clock.GetUtcNow() + TimeSpan.FromSeconds(100)), CancellationToken.None);
        using var ctrlC = new CancellationTokenSource();

        var running = box.SyncAsync("2026-11-20", "2026-11-21", ctrlC.Token);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await ctrlC.CancelAsync();
        var run = await running.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("while waiting for the ban to end", run.Stderr);
        Assert.Equal(0, box.Simulator.Counters.TotalRequests);
    }

    private static async Task<CliResult> StopsAsync(Task<CliResult> run)
    {
        try
        {
            return await run.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Assert.Fail("The run did not stop on the ban; it is waiting for the ban to end.");
            throw;
        }
    }
}
