using CandleFunctions.Cli.Tests.RateLimits;
using CandleFunctions.Cli.Tests.Support;

namespace CandleFunctions.Cli.Tests.Sync;

[Collection(PacedCollection.Name)]
public sealed class CancellationTests
{
    [Fact]
    public async Task Ctrl_c_mid_run_exits_3_keeps_what_was_committed_and_a_rerun_completes_exactly()
    {
        var clock = new TestClock(Sandbox.DefaultNow);
        await using var box = await Sandbox.StartAsync(o => WeightLimitTests.Compress(o, 40, "SECOND", 1), clock);
        box.WriteSymbols("ETHUSDT");
        // 41 pages at 40 weight a second: about two seconds of work, committed 20 pages at a time.
        var range = Sandbox.Range("2026-11-01", "2026-11-15");
        using var ctrlC = new CancellationTokenSource();

        var running = box.SyncAsync("2026-11-01", "2026-11-15", ctrlC.Token);
        await Eventually.WaitUntilAsync(() => File.Exists(box.LedgerPath("ETHUSDT")) || running.IsCompleted, "a first batch is committed");
        await ctrlC.CancelAsync();
        var stopped = await running;

        Assert.True(stopped.ExitCode == 3, stopped.ToString());
        Assert.Contains("Stopped by the user", stopped.Stderr);
        Assert.True(stopped.Summary.Cancelled);
        var kept = box.Stored("ETHUSDT");
        Assert.NotEmpty(kept);
        Assert.True(kept.Count < range.Minutes, "the run should have been stopped before the end");
        box.AssertStoredRowsAreTrue("ETHUSDT", range);

        // A person reruns seconds later, not in the same one-second window; a fresh client cannot see weight the
        // stopped run spent in it (it reads the 1m header until exchangeInfo names the 1s limit).
        clock.Jump(TimeSpan.FromSeconds(2));
        var rerun = await box.SyncAsync("2026-11-01", "2026-11-15");

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.All(rerun.Summary.Symbol("ETHUSDT").RangesFetched,
            r => Assert.DoesNotContain(kept, row => r.Contains(row.Timestamp)));
        box.AssertExact("ETHUSDT", range);
    }
}
