using BinanceSimulator.Rest;
using CandleFunctions.Cli.Tests.Support;

namespace CandleFunctions.Cli.Tests.Sync;

public sealed class FirstSyncTests
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];

    [Fact]
    public async Task A_first_sync_stores_exactly_the_exchange_candles_of_each_symbol()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols(Symbols);

        var run = await box.SyncAsync("2026-11-20", "2026-11-22");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var symbol in Symbols)
            box.AssertExact(symbol, Sandbox.Range("2026-11-20", "2026-11-22"));
    }

    [Fact]
    public async Task The_json_summary_reports_status_listing_candles_ranges_errors_totals_and_rate_limit_figures()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols(Symbols);
        var range = Sandbox.Range("2026-11-20", "2026-11-22");

        var run = await box.SyncAsync("2026-11-20", "2026-11-22");

        var summary = run.Summary;
        Assert.Equal(range, summary.Range);
        Assert.Equal(Symbols, summary.Symbols.Select(s => s.Name));
        foreach (var s in summary.Symbols)
        {
            Assert.Equal("synced", s.Status);
            Assert.Equal(range, s.Listed);
            Assert.Equal(2 * 1440, s.CandlesAdded);
            Assert.Equal([range], s.RangesFetched);
            Assert.Empty(s.Errors);
        }
        Assert.Equal(3 * 2 * 1440, summary.TotalCandlesAdded);
        Assert.Equal(0, summary.TotalFailed);
        Assert.Equal(3, summary.Totals.GetProperty("synced").GetInt32());
        Assert.Equal(box.Simulator.Counters.TotalWeight, summary.WeightUsed);
        Assert.Equal(box.Simulator.Counters.TotalRequests, summary.Requests);
        Assert.Equal(0, summary.TooManyRequests);
        Assert.Equal(0, summary.Bans);
        Assert.Equal(0, summary.TransientRetries);
        Assert.Null(summary.BannedUntil);
        Assert.False(summary.Cancelled);
        Assert.Equal(1, box.Simulator.Counters.Requests(RestEndpoint.ExchangeInfo));
    }
}
