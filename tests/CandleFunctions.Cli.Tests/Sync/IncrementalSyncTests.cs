using BinanceSimulator.Rest;
using CandleFunctions.Cli.Tests.Support;

namespace CandleFunctions.Cli.Tests.Sync;

public sealed class IncrementalSyncTests
{
    [Fact]
    public async Task A_second_identical_run_sends_no_klines_request_and_changes_no_byte()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BTCUSDT", "ETHUSDT");
        Assert.Equal(0, (await box.SyncAsync("2026-11-20", "2026-11-21")).ExitCode);
        var before = Snapshot(box.DataDirectory);
        var klines = box.Simulator.Counters.Requests(RestEndpoint.Klines);
        var exchangeInfo = box.Simulator.Counters.Requests(RestEndpoint.ExchangeInfo);

        var again = await box.SyncAsync("2026-11-20", "2026-11-21");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(klines, box.Simulator.Counters.Requests(RestEndpoint.Klines));
        Assert.Equal(exchangeInfo + 1, box.Simulator.Counters.Requests(RestEndpoint.ExchangeInfo));
        Assert.All(again.Summary.Symbols, s => Assert.Equal("upToDate", s.Status));
        Assert.Equal(before, Snapshot(box.DataDirectory));
    }

    [Fact]
    public async Task A_later_end_appends_and_keeps_the_old_bytes_as_an_unchanged_prefix()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BTCUSDT");
        Assert.Equal(0, (await box.SyncAsync("2026-11-20", "2026-11-21")).ExitCode);
        var old = File.ReadAllBytes(box.CsvPath("BTCUSDT"));

        var run = await box.SyncAsync("2026-11-20", "2026-11-22");

        Assert.True(run.ExitCode == 0, run.ToString());
        var now = File.ReadAllBytes(box.CsvPath("BTCUSDT"));
        Assert.True(now.Length > old.Length);
        Assert.Equal(old, now[..old.Length]);
        Assert.Equal([Sandbox.Range("2026-11-21", "2026-11-22")], run.Summary.Symbol("BTCUSDT").RangesFetched);
        box.AssertExact("BTCUSDT", Sandbox.Range("2026-11-20", "2026-11-22"));
    }

    [Fact]
    public async Task An_earlier_start_prepends_the_missing_candles()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("ETHUSDT");
        Assert.Equal(0, (await box.SyncAsync("2026-11-21", "2026-11-22")).ExitCode);

        var run = await box.SyncAsync("2026-11-20", "2026-11-22");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([Sandbox.Range("2026-11-20", "2026-11-21")], run.Summary.Symbol("ETHUSDT").RangesFetched);
        Assert.Equal(1440, run.Summary.Symbol("ETHUSDT").CandlesAdded);
        box.AssertExact("ETHUSDT", Sandbox.Range("2026-11-20", "2026-11-22"));
    }

    [Fact]
    public async Task A_hole_between_two_synced_ranges_is_filled_by_fetching_only_its_minutes()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("SOLUSDT");
        Assert.Equal(0, (await box.SyncAsync("2026-11-20T00:00:00Z", "2026-11-20T12:00:00Z")).ExitCode);
        Assert.Equal(0, (await box.SyncAsync("2026-11-21T00:00:00Z", "2026-11-21T12:00:00Z")).ExitCode);
        var counters = box.Simulator.Counters;
        var (requests, weight) = (counters.Requests(RestEndpoint.Klines), counters.TotalWeight);

        var run = await box.SyncAsync("2026-11-20T00:00:00Z", "2026-11-21T12:00:00Z");

        Assert.True(run.ExitCode == 0, run.ToString());
        var hole = Sandbox.Range("2026-11-20 12:00", "2026-11-21 00:00");
        Assert.Equal([hole], run.Summary.Symbol("SOLUSDT").RangesFetched);
        Assert.Equal(720, run.Summary.Symbol("SOLUSDT").CandlesAdded);
        // exchangeInfo and two clock samples (weight 1 each), then the hole's 720 minutes in pages of 499 (the first
        // page, which is also the probe) and 221, weight 2 each.
        Assert.Equal(2, counters.Requests(RestEndpoint.Klines) - requests);
        Assert.Equal(1 + 2 + 2 + 2, counters.TotalWeight - weight);
        box.AssertExact("SOLUSDT", Sandbox.Range("2026-11-20 00:00", "2026-11-21 12:00"));
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder)
            .Where(f => Path.GetFileName(f) != ".candles.lock")
            .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(File.ReadAllBytes(f)));
}
