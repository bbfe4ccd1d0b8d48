using BinanceSimulator.Rest;
using CandleFunctions.Cli.Tests.Support;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Cli.Tests.Sync;

/// <summary>
/// <c>candles sync</c> over folders the old notebook wrote (see <see cref="NotebookFile"/>): after one sync every
/// candle in the range is the exchange's, and a second sync fetches nothing.
/// </summary>
public sealed class NotebookRepairTests
{
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Fact]
    public async Task A_folder_written_in_Sydney_summer_time_is_rewritten_in_utc_with_open_candles_duplicates_and_holes_repaired()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BTCUSDT");
        var range = Sandbox.Range("2026-11-20", "2026-11-22");
        var hole = Sandbox.Range("2026-11-21 12:00", "2026-11-21 12:17");
        var notebook = new NotebookFile { Zone = Sydney, RunEnds = [Sandbox.At("2026-11-21 06:00")], Holes = [hole] };
        notebook.Write(box.CsvPath("BTCUSDT"), box.GroundTruth("BTCUSDT", range));

        var run = await box.SyncAsync("2026-11-20", "2026-11-22");

        Assert.True(run.ExitCode == 0, run.ToString());
        box.AssertExact("BTCUSDT", range);
        var repairs = run.Summary.Symbol("BTCUSDT").Repairs;
        Assert.True(repairs.GetProperty("verdict").GetString() == "localTime", run.ToString());
        Assert.Equal("UTC+11:00", repairs.GetProperty("clock").GetString());
        Assert.Equal(2_880 - 17 + 2, repairs.GetProperty("rowsShifted").GetInt64());
        Assert.Equal(2, repairs.GetProperty("rowsReplaced").GetInt64()); // the two open candles
        Assert.Equal(2, repairs.GetProperty("duplicatesRemoved").GetInt64()); // one per 1,000-row boundary
        // The second run went on at the minute after the first run's open candle, inside the block: any run may have ended
        // on an open candle there, so the two stretches the sample did not reach are not trusted but fetched again.
        Assert.Contains("only verified rows are kept", repairs.GetProperty("detail").GetString(), StringComparison.Ordinal);
        UtcRange[] unsampled = [Sandbox.Range("2026-11-20 14:00", "2026-11-20 16:00"), Sandbox.Range("2026-11-21 02:00", "2026-11-21 04:00")];
        Assert.Equal(240, repairs.GetProperty("rowsDropped").GetInt64());
        Assert.Equal(17 + 240, repairs.GetProperty("holes").GetInt64());
        Assert.Equal([.. unsampled, hole], run.Summary.Symbol("BTCUSDT").RangesFetched);

        await AssertSecondSyncFetchesNothingAsync(box, "2026-11-20", "2026-11-22");
    }

    [Fact]
    public async Task A_two_week_file_is_judged_from_a_sample_and_only_the_gaps_between_notebook_runs_are_fetched()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BTCUSDT");
        var range = Sandbox.Range("2026-11-10", "2026-11-24");
        // Three notebook runs, each ending on the open minute, the next one starting two hours later.
        UtcRange[] gaps = [Sandbox.Range("2026-11-13 12:00", "2026-11-13 14:00"), Sandbox.Range("2026-11-19 03:00", "2026-11-19 05:00")];
        var notebook = new NotebookFile { Zone = Kolkata, RunEnds = gaps.Select(g => g.Start).ToList(), Holes = gaps };
        var truth = box.GroundTruth("BTCUSDT", range);
        notebook.Write(box.CsvPath("BTCUSDT"), truth);
        var klines = box.Simulator.Counters.Requests(RestEndpoint.Klines);

        var run = await box.SyncAsync("2026-11-10", "2026-11-24");

        Assert.True(run.ExitCode == 0, run.ToString());
        box.AssertExact("BTCUSDT", range);
        var repairs = run.Summary.Symbol("BTCUSDT").Repairs;
        Assert.Equal(3, repairs.GetProperty("rowsReplaced").GetInt64());
        // Unsampled rows are trusted: none is dropped, and the holes are the gaps plus the exchange's own outage.
        Assert.Equal(0, repairs.GetProperty("rowsDropped").GetInt64());
        Assert.Equal(range.Minutes - truth.Count + 240, repairs.GetProperty("holes").GetInt64());
        Assert.All(gaps, g => Assert.Contains(g, run.Summary.Symbol("BTCUSDT").RangesFetched));
        // A sample, not the file: far fewer pages than the 41 a full comparison of 20,160 minutes would take.
        Assert.InRange(box.Simulator.Counters.Requests(RestEndpoint.Klines) - klines, 1, 35);

        await AssertSecondSyncFetchesNothingAsync(box, "2026-11-10", "2026-11-24");
    }

    [Fact]
    public async Task A_folder_written_at_a_half_hour_offset_is_verified_from_the_archive_without_weight()
    {
        await using var box = await Sandbox.StartAsync();
        box.UseArchive = true;
        box.WriteSymbols("ETHUSDT");
        var range = Sandbox.Range("2026-11-25", "2026-11-26");
        new NotebookFile { Zone = Kolkata }.Write(box.CsvPath("ETHUSDT"), box.GroundTruth("ETHUSDT", range));

        var run = await box.SyncAsync("2026-11-25", "2026-11-26");

        Assert.True(run.ExitCode == 0, run.ToString());
        box.AssertExact("ETHUSDT", range);
        var repairs = run.Summary.Symbol("ETHUSDT").Repairs;
        Assert.Equal("UTC+05:30", repairs.GetProperty("clock").GetString());
        Assert.Equal(1, repairs.GetProperty("rowsReplaced").GetInt64());
        // Every comparison came from daily archive files: not one klines request.
        Assert.Equal(0, box.Simulator.Counters.Requests(RestEndpoint.Klines));

        await AssertSecondSyncFetchesNothingAsync(box, "2026-11-25", "2026-11-26");
    }

    [Fact]
    public async Task A_folder_written_in_London_across_the_autumn_change_takes_the_repeated_hour_from_the_exchange()
    {
        await using var box = await Sandbox.StartAsync();
        box.UseArchive = true;
        box.WriteSymbols("BTCUSDT");
        // Clocks went back at 01:00 UTC on 25 October 2026: local 01:00-01:59 was written twice.
        var range = Sandbox.Range("2026-10-24 12:00", "2026-10-25 12:00");
        var notebook = new NotebookFile { Zone = London, RunEnds = [Sandbox.At("2026-10-25 00:30")] };
        notebook.Write(box.CsvPath("BTCUSDT"), box.GroundTruth("BTCUSDT", range));

        var run = await box.SyncAsync("2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z");

        Assert.True(run.ExitCode == 0, run.ToString());
        box.AssertExact("BTCUSDT", range);
        var repairs = run.Summary.Symbol("BTCUSDT").Repairs;
        Assert.Equal("localTime", repairs.GetProperty("verdict").GetString());
        // Zones with the same offsets over the file (Europe/London, Europe/Lisbon, Atlantic/Canary...) read it alike.
        Assert.Contains('/', repairs.GetProperty("clock").GetString()!);
        Assert.True(repairs.GetProperty("duplicatesRemoved").GetInt64() >= 120, run.ToString());

        await AssertSecondSyncFetchesNothingAsync(box, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z");
    }

    [Fact]
    public async Task A_file_of_a_symbol_long_gone_from_exchangeInfo_is_verified_against_the_archive_alone()
    {
        await using var box = await Sandbox.StartAsync();
        box.UseArchive = true;
        box.WriteSymbols("FTTUSDT");
        var range = Sandbox.Range("2022-11-01", "2022-11-03");
        new NotebookFile { Zone = Sydney, RunEnds = [Sandbox.At("2022-11-02 04:00")] }.Write(box.CsvPath("FTTUSDT"), box.GroundTruth("FTTUSDT", range));

        var run = await box.SyncAsync("2022-11-01", "2022-11-03");

        Assert.True(run.ExitCode == 0, run.ToString());
        box.AssertExact("FTTUSDT", range);
        Assert.Equal("UTC+11:00", run.Summary.Symbol("FTTUSDT").Repairs.GetProperty("clock").GetString());
        Assert.Equal(0, box.Simulator.Counters.Requests(RestEndpoint.Klines));
    }

    [Fact]
    public async Task A_file_with_some_wrong_rows_has_them_replaced_by_the_exchanges()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("SOLUSDT");
        var range = Sandbox.Range("2026-11-26", "2026-11-27");
        var truth = box.GroundTruth("SOLUSDT", range);
        var wrong = truth.Select((r, i) => i % 97 == 5 ? r with { Volume = r.Volume + 1 } : r).ToList();
        new NotebookFile().Write(box.CsvPath("SOLUSDT"), wrong);

        var run = await box.SyncAsync("2026-11-26", "2026-11-27");

        Assert.True(run.ExitCode == 0, run.ToString());
        box.AssertExact("SOLUSDT", range);
        var repairs = run.Summary.Symbol("SOLUSDT").Repairs;
        Assert.Equal("partlyWrong", repairs.GetProperty("verdict").GetString());
        Assert.Equal(wrong.Count(r => !truth.Contains(r)) + 1, repairs.GetProperty("rowsReplaced").GetInt64());

        await AssertSecondSyncFetchesNothingAsync(box, "2026-11-26", "2026-11-27");
    }

    [Fact]
    public async Task A_file_that_matches_the_exchange_under_no_clock_is_left_untouched_and_fails()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BTCUSDT");
        var range = Sandbox.Range("2026-11-26", "2026-11-27");
        // Another symbol's candles under this symbol's name.
        new NotebookFile().Write(box.CsvPath("BTCUSDT"), box.GroundTruth("ETHUSDT", range));
        var before = File.ReadAllBytes(box.CsvPath("BTCUSDT"));

        var run = await box.SyncAsync("2026-11-26", "2026-11-27");

        Assert.True(run.ExitCode == 1, run.ToString());
        var symbol = run.Summary.Symbol("BTCUSDT");
        Assert.Equal("failed", symbol.Status);
        Assert.Contains("unrecognisable", symbol.Reason, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(box.CsvPath("BTCUSDT")));
        Assert.False(File.Exists(box.LedgerPath("BTCUSDT")));
    }

    [Fact]
    public async Task Verify_deep_reports_without_changing_and_repair_with_source_tz_fixes_the_file()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BTCUSDT");
        var range = Sandbox.Range("2026-11-20", "2026-11-21");
        var hole = Sandbox.Range("2026-11-20 08:00", "2026-11-20 08:03");
        new NotebookFile { Zone = Sydney, Holes = [hole] }.Write(box.CsvPath("BTCUSDT"), box.GroundTruth("BTCUSDT", range));
        var before = File.ReadAllBytes(box.CsvPath("BTCUSDT"));

        var deep = await RunAsync(box, "verify", "--deep");

        Assert.True(deep.ExitCode == 1, deep.ToString());
        Assert.Contains("NEEDS REPAIR", deep.Stdout, StringComparison.Ordinal);
        Assert.Contains("UTC+11:00", deep.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(box.CsvPath("BTCUSDT")));
        Assert.False(File.Exists(box.LedgerPath("BTCUSDT")));

        var repair = await RunAsync(box, "repair", "--source-tz", "Australia/Sydney");

        Assert.True(repair.ExitCode == 0, repair.ToString());
        Assert.True(File.Exists(box.LedgerPath("BTCUSDT")));
        var truth = box.GroundTruth("BTCUSDT", range).Where(r => !hole.Contains(r.Timestamp)).ToList();
        Assert.Equal(truth, box.Stored("BTCUSDT"));
        Assert.True((await RunAsync(box, "verify", "--deep")).ExitCode == 0);

        var run = await box.SyncAsync("2026-11-20", "2026-11-21");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([hole], run.Summary.Symbol("BTCUSDT").RangesFetched);
        box.AssertExact("BTCUSDT", range);
    }

    [Fact]
    public async Task Every_row_finds_an_open_candle_the_sample_missed_after_adoption_and_repair_with_every_row_fixes_it()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BTCUSDT");
        var range = Sandbox.Range("2026-11-10", "2026-11-17");
        var hidden = Sandbox.At("2026-11-12 11:59");
        // The second run went on at 12:00, straight after the first run's open candle, on a day the sample does not reach.
        new NotebookFile { RunEnds = [hidden.AddMinutes(1)] }.Write(box.CsvPath("BTCUSDT"), box.GroundTruth("BTCUSDT", range));
        var adopted = await box.SyncAsync("2026-11-10", "2026-11-17");
        Assert.True(adopted.ExitCode == 0, adopted.ToString());
        Assert.NotEqual(box.GroundTruth("BTCUSDT", range).Single(r => r.Timestamp == hidden), box.Stored("BTCUSDT").Single(r => r.Timestamp == hidden));

        var sampled = await RunAsync(box, "verify", "--deep");
        var everyRow = await RunAsync(box, "verify", "--deep", "--every-row");

        Assert.True(sampled.ExitCode == 0, sampled.ToString());
        Assert.True(everyRow.ExitCode == 1, everyRow.ToString());
        Assert.Contains("2026-11-12 11:59", everyRow.Stdout, StringComparison.Ordinal);

        var repair = await RunAsync(box, "repair", "--every-row");

        Assert.True(repair.ExitCode == 0, repair.ToString());
        box.AssertExact("BTCUSDT", range);
        Assert.True((await RunAsync(box, "verify", "--deep", "--every-row")).ExitCode == 0);
    }

    private static Task<CliResult> RunAsync(Sandbox box, string verb, params string[] extra) =>
        CandlesCommand.RunAsync(box.Time, CancellationToken.None,
            [verb, "--data", box.DataDirectory, "--api-url", box.Simulator.BaseUrl.ToString(), .. box.UseArchive ? new[] { "--archive-url", box.Simulator.BaseUrl.ToString() } : ["--no-archive"], .. extra]);

    private static async Task AssertSecondSyncFetchesNothingAsync(Sandbox box, string start, string end)
    {
        var klines = box.Simulator.Counters.Requests(RestEndpoint.Klines);
        var before = File.ReadAllBytes(box.CsvPath(SymbolOf(box)));
        var again = await box.SyncAsync(start, end);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.All(again.Summary.Symbols, s => Assert.Equal("upToDate", s.Status));
        Assert.All(again.Summary.Symbols, s => Assert.Empty(s.RangesFetched));
        Assert.Equal(klines, box.Simulator.Counters.Requests(RestEndpoint.Klines));
        Assert.Equal(before, File.ReadAllBytes(box.CsvPath(SymbolOf(box))));
    }

    private static string SymbolOf(Sandbox box) =>
        File.ReadAllLines(box.SymbolsFile)[1].Split(',')[1];
}
