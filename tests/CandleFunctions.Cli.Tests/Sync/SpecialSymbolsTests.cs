using BinanceSimulator.Rest;
using CandleFunctions.Cli.Tests.Support;

namespace CandleFunctions.Cli.Tests.Sync;

public sealed class SpecialSymbolsTests
{
    [Theory]
    [InlineData("KAITOUSDT", "2025-02-19", "2025-02-21", "2025-02-20 09:00")]
    [InlineData("NEWCOINUSDT", "2026-11-19", "2026-11-21", "2026-11-20 08:30")]
    public async Task A_range_spanning_the_listing_starts_at_the_first_candle(string symbol, string start, string end, string listing)
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols(symbol);

        var run = await box.SyncAsync(start, end);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Sandbox.At(listing), box.Stored(symbol)[0].Timestamp);
        Assert.Equal(Sandbox.Range(listing, end), run.Summary.Symbol(symbol).Listed);
        box.AssertExact(symbol, Sandbox.Range(start, end));
    }

    [Fact]
    public async Task A_relisted_symbol_starts_at_its_first_candle_not_at_its_onboard_date()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("OMGUSDT");

        var run = await box.SyncAsync("2026-09-30", "2026-10-02");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Sandbox.At("2026-10-01 12:00"), box.Stored("OMGUSDT")[0].Timestamp);
        Assert.Equal(Sandbox.Range("2026-10-01 12:00", "2026-10-02"), run.Summary.Symbol("OMGUSDT").Listed);
        box.AssertExact("OMGUSDT", Sandbox.Range("2026-09-30", "2026-10-02"));
    }

    [Fact]
    public async Task A_symbol_delisted_inside_the_range_ends_at_the_delisting_without_a_flat_tail()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BNXUSDT");

        var run = await box.SyncAsync("2026-11-14", "2026-11-16");

        Assert.True(run.ExitCode == 0, run.ToString());
        var stored = box.Stored("BNXUSDT");
        Assert.Equal(Sandbox.At("2026-11-15 08:59"), stored[^1].Timestamp);
        Assert.DoesNotContain(stored, r => r.Volume == 0);
        Assert.Equal(Sandbox.Range("2026-11-14", "2026-11-15 09:00"), run.Summary.Symbol("BNXUSDT").Listed);
        box.AssertExact("BNXUSDT", Sandbox.Range("2026-11-14", "2026-11-16"));
    }

    [Fact]
    public async Task A_symbol_missing_from_exchangeInfo_is_reported_unknown_and_the_others_are_still_written()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("FTTUSDT", "BTCUSDT");

        var run = await box.SyncAsync("2026-11-20", "2026-11-21");

        Assert.True(run.ExitCode == 1, run.ToString());
        var ftt = run.Summary.Symbol("FTTUSDT");
        Assert.Equal("unknown", ftt.Status);
        Assert.Contains("exchangeInfo", ftt.Reason);
        Assert.False(File.Exists(box.CsvPath("FTTUSDT")));
        Assert.Equal(1, run.Summary.TotalFailed);
        box.AssertExact("BTCUSDT", Sandbox.Range("2026-11-20", "2026-11-21"));
    }

    [Theory]
    [InlineData("BTCUSDT_261225", "CURRENT_QUARTER")]
    [InlineData("XEMUSDT", "PENDING_TRADING")]
    [InlineData("BTCUSDC", "USDC")]
    public async Task A_symbol_that_is_not_a_usdt_perpetual_is_skipped_with_a_reason(string symbol, string reasonMentions)
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols(symbol);

        var run = await box.SyncAsync("2026-11-20", "2026-11-21");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = run.Summary.Symbol(symbol);
        Assert.Equal("skipped", report.Status);
        Assert.Contains(reasonMentions, report.Reason);
        Assert.Equal(0, box.Simulator.Counters.Requests(RestEndpoint.Klines));
        Assert.False(File.Exists(box.CsvPath(symbol)));
    }

    [Fact]
    public async Task A_tradfi_perpetual_is_synced()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("XAUUSDT");

        var run = await box.SyncAsync("2026-11-20", "2026-11-21");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("synced", run.Summary.Symbol("XAUUSDT").Status);
        box.AssertExact("XAUUSDT", Sandbox.Range("2026-11-20", "2026-11-21"));
    }

    [Theory]
    [InlineData("2026-11-10T02:00:00Z", "2026-11-10T05:00:00Z")]
    [InlineData("2026-11-10T03:00:00Z", "2026-11-10T04:00:00Z")]
    [InlineData("2026-11-10T02:30:00Z", "2026-11-10T03:45:00Z")]
    [InlineData("2026-11-10T03:10:00Z", "2026-11-10T03:40:00Z")]
    public async Task An_exchange_outage_leaves_no_candles_and_a_rerun_does_not_fetch_it_again(string start, string end)
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BTCUSDT");
        var range = Sandbox.Range(start, end);

        var first = await box.SyncAsync(start, end);
        var klines = box.Simulator.Counters.Requests(RestEndpoint.Klines);
        var again = await box.SyncAsync(start, end);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.DoesNotContain(box.Stored("BTCUSDT"), r => Sandbox.Range("2026-11-10 03:00", "2026-11-10 03:45").Contains(r.Timestamp));
        box.AssertExact("BTCUSDT", range, mayBeEmpty: true);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(klines, box.Simulator.Counters.Requests(RestEndpoint.Klines));
    }
}
