using BinanceSimulator.Rest;
using CandleFunctions.Cli.Tests.Support;

namespace CandleFunctions.Cli.Tests.Sync;

/// <summary><c>candles sync</c> without --start: each symbol continues from its last stored candle; no data means --start is needed.</summary>
public sealed class ContinueWithoutStartTests
{
    [Fact]
    public async Task Without_start_each_symbol_continues_from_its_own_last_candle_up_to_now()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BTCUSDT");
        Assert.Equal(0, (await box.SyncAsync("2026-11-28", "2026-11-30")).ExitCode);
        box.WriteSymbols("ETHUSDT");
        Assert.Equal(0, (await box.SyncAsync("2026-11-29", "2026-11-30T12:00:00Z")).ExitCode);
        box.WriteSymbols("BTCUSDT", "ETHUSDT");

        var run = await box.SyncAsync(null, null);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("No --start: each symbol continues from its last stored candle (the earliest from 2026-11-30 00:00 UTC).", run.Stderr, StringComparison.Ordinal);
        Assert.Equal([Sandbox.Range("2026-11-30", "2026-12-01")], run.Summary.Symbol("BTCUSDT").RangesFetched);
        Assert.Equal([Sandbox.Range("2026-11-30 12:00", "2026-12-01")], run.Summary.Symbol("ETHUSDT").RangesFetched);
        box.AssertExact("BTCUSDT", Sandbox.Range("2026-11-28", "2026-12-01"));
        box.AssertExact("ETHUSDT", Sandbox.Range("2026-11-29", "2026-12-01"));
    }

    [Fact]
    public async Task Without_start_symbols_already_past_the_end_are_up_to_date_and_nothing_is_fetched()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BTCUSDT", "ETHUSDT");
        Assert.Equal(0, (await box.SyncAsync("2026-11-29", "2026-11-30")).ExitCode);
        var klines = box.Simulator.Counters.Requests(RestEndpoint.Klines);

        var run = await box.SyncAsync(null, "2026-11-30");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.All(run.Summary.Symbols, s => Assert.Equal("upToDate", s.Status));
        Assert.Equal(klines, box.Simulator.Counters.Requests(RestEndpoint.Klines));
    }

    [Fact]
    public async Task Without_start_an_empty_data_folder_exits_2_saying_start_is_needed()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BTCUSDT");

        var run = await box.SyncAsync(null, null);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("candles: --start is needed: the data folder", line, StringComparison.Ordinal);
        Assert.Contains("holds no candles yet", line, StringComparison.Ordinal);
        Assert.Equal(0, box.Simulator.Counters.TotalRequests);
        Assert.False(Directory.Exists(box.DataDirectory));
    }

    [Fact]
    public async Task Without_start_a_symbol_with_no_data_yet_is_named_and_nothing_is_fetched()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BTCUSDT");
        Assert.Equal(0, (await box.SyncAsync("2026-11-29", "2026-11-30")).ExitCode);
        box.WriteSymbols("BTCUSDT", "SOLUSDT");
        var sent = box.Simulator.Counters.TotalRequests;

        var run = await box.SyncAsync(null, null);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("candles: --start is needed: SOLUSDT has no data in ", line, StringComparison.Ordinal);
        Assert.Equal(sent, box.Simulator.Counters.TotalRequests);
        Assert.False(File.Exists(box.CsvPath("SOLUSDT")));
    }
}
