using CandleFunctions.Cli.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CandleFunctions.Cli.Tests.Sync;

public sealed class OpenCandleTests
{
    [Fact]
    public async Task Without_end_the_last_stored_candle_is_the_last_closed_minute()
    {
        var clock = new FakeTimeProvider(Sandbox.At("2026-12-01 12:34:30"));
        await using var box = await Sandbox.StartAsync(time: clock);
        box.WriteSymbols("BTCUSDT", "DOGEUSDT");

        var run = await box.SyncAsync("2026-12-01T12:00:00Z", end: null);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Sandbox.Range("2026-12-01 12:00", "2026-12-01 12:34"), run.Summary.Range);
        foreach (var symbol in new[] { "BTCUSDT", "DOGEUSDT" })
        {
            Assert.Equal(Sandbox.At("2026-12-01 12:33"), box.Stored(symbol)[^1].Timestamp);
            box.AssertExact(symbol, Sandbox.Range("2026-12-01 12:00", "2026-12-01 12:34"));
        }
    }

    [Fact]
    public async Task A_later_run_stores_the_formerly_open_minute_with_its_final_values()
    {
        var clock = new FakeTimeProvider(Sandbox.At("2026-12-01 12:34:59"));
        await using var box = await Sandbox.StartAsync(time: clock);
        box.WriteSymbols("ETHUSDT");
        Assert.Equal(0, (await box.SyncAsync("2026-12-01T12:00:00Z", end: null)).ExitCode);

        clock.Advance(TimeSpan.FromMinutes(5));
        var run = await box.SyncAsync("2026-12-01T12:00:00Z", end: null);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(5, run.Summary.Symbol("ETHUSDT").CandlesAdded);
        Assert.Equal(Sandbox.At("2026-12-01 12:38"), box.Stored("ETHUSDT")[^1].Timestamp);
        box.AssertExact("ETHUSDT", Sandbox.Range("2026-12-01 12:00", "2026-12-01 12:39"));
    }
}
