using System.Globalization;
using System.Text;
using CandleFunctions.Activities;
using CandleFunctions.Core.Candles;
using CandleFunctions.Orchestration;
using CandleFunctions.Tests.Support;

namespace CandleFunctions.Tests.Orchestration;

/// <summary>The Functions app adopting a mirror folder the old notebook wrote goes through the CLI's verification and repair.</summary>
public sealed class NotebookAdoptionTests
{
    private static readonly UtcRange Day = new(SyncHarness.At("2026-11-27 00:00"), SyncHarness.At("2026-11-28 00:00"));
    private static readonly UtcRange Hole = new(SyncHarness.At("2026-11-27 09:00"), SyncHarness.At("2026-11-27 09:10"));
    private static readonly SyncInput Input = new(["BTCUSDT"], null, Day.Start, Day.End);

    [Fact]
    public async Task A_notebook_file_in_sydney_time_is_rewritten_in_utc_and_a_second_run_fetches_nothing()
    {
        await using var harness = await SyncHarness.StartAsync();
        WriteNotebookFile(harness, "BTCUSDT", TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney"));

        var summary = await harness.RunAsync(Input, "run1");

        Assert.NotNull(summary);
        var symbol = Assert.Single(summary.Symbols);
        Assert.Equal("synced", symbol.Status);
        Assert.NotNull(symbol.Repairs);
        Assert.Equal("localTime", symbol.Repairs.Verdict);
        Assert.Equal("UTC+11:00", symbol.Repairs.Clock);
        Assert.Equal(1, symbol.Repairs.RowsReplaced); // the open candle at the end
        Assert.Equal(1, symbol.Repairs.DuplicatesRemoved);
        Assert.Equal(Hole.Minutes, symbol.Repairs.Holes);
        Assert.Equal([Hole], symbol.RangesFetched.Select(r => new UtcRange(r.Start, r.End)));
        await AssertExactAsync(harness, "BTCUSDT");

        var again = await harness.RunAsync(Input, "run2");

        Assert.NotNull(again);
        Assert.Equal("upToDate", Assert.Single(again.Symbols).Status);
        Assert.DoesNotContain(harness.Runtime.Calls, c => c.Name == FetchChunkActivity.Name && c.Caller.StartsWith("run2", StringComparison.Ordinal));
        await AssertExactAsync(harness, "BTCUSDT");
    }

    [Fact]
    public async Task A_file_of_another_market_is_left_untouched_and_its_symbol_fails()
    {
        await using var harness = await SyncHarness.StartAsync();
        var path = Path.Combine(harness.DataDirectory, "BTCUSDT.csv");
        Directory.CreateDirectory(harness.DataDirectory);
        var text = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (var t = Day.Start; t < Day.End; t += MinuteTime.OneMinute)
            text.Append(CultureInfo.InvariantCulture, $"{t:yyyy-MM-dd HH:mm:ss},1.5,2.5,1.0,2.0,100\n");
        File.WriteAllText(path, text.ToString());

        var summary = await harness.RunAsync(Input, "run1");

        Assert.NotNull(summary);
        var symbol = Assert.Single(summary.Symbols);
        Assert.Equal("failed", symbol.Status);
        Assert.Contains("unrecognisable", symbol.Reason, StringComparison.Ordinal);
        Assert.Equal(text.ToString(), File.ReadAllText(path));
        Assert.False(File.Exists(Path.Combine(harness.DataDirectory, "BTCUSDT.ledger.json")));
    }

    /// <summary>Local time, the still-open last minute, a repeated minute at the 1,000-row batch boundary, a silent hole, pandas floats.</summary>
    private static void WriteNotebookFile(SyncHarness harness, string symbol, TimeZoneInfo zone)
    {
        var truth = harness.Simulator.Market.ClosedTradedCandles(symbol, Day, harness.Simulator.ServerNow).ToList();
        var text = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (var i = 0; i < truth.Count; i++)
        {
            var c = truth[i];
            var utc = DateTimeOffset.FromUnixTimeMilliseconds(c.OpenTime);
            if (Hole.Contains(utc))
                continue;
            var (close, volume) = i == truth.Count - 1 ? (c.Open, Number(c.Volume) / 2) : (c.Close, Number(c.Volume));
            var high = i == truth.Count - 1 ? c.Open : c.High;
            var low = i == truth.Count - 1 ? c.Open : c.Low;
            var local = TimeZoneInfo.ConvertTimeFromUtc(utc.UtcDateTime, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var row = $"{local},{Float(Number(c.Open))},{Float(Number(high))},{Float(Number(low))},{Float(Number(close))},{Float(volume)}\n";
            text.Append(row);
            if (i == 999)
                text.Append(row);
        }
        Directory.CreateDirectory(harness.DataDirectory);
        File.WriteAllText(Path.Combine(harness.DataDirectory, symbol + ".csv"), text.ToString());
    }

    private static async Task AssertExactAsync(SyncHarness harness, string symbol)
    {
        var expected = harness.Simulator.Market.ClosedTradedCandles(symbol, Day, harness.Simulator.ServerNow)
            .Select(c => (c.OpenTime, Number(c.Open), Number(c.High), Number(c.Low), Number(c.Close), Number(c.Volume))).ToList();
        var stored = await harness.Store.ReadAsync(symbol, CancellationToken.None).ToListAsync();
        Assert.Equal(expected, stored.Select(c => (c.OpenTimeMs, c.Open, c.High, c.Low, c.Close, c.Volume)));
    }

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Float(decimal value) => ((double)value).ToString("R", CultureInfo.InvariantCulture);
}
