using BinanceSimulator.Archive;
using BinanceSimulator.Rest;
using CandleFunctions.Cli.Tests.Support;

namespace CandleFunctions.Cli.Tests.Archive;

/// <summary><c>candles sync</c> with the public archive: whole months and days from zips, REST for the rest.</summary>
public sealed class ArchiveSyncTests
{
    [Fact]
    public async Task A_backfill_takes_whole_months_and_days_from_the_archive_and_only_the_edges_from_rest()
    {
        await using var box = await Sandbox.StartAsync();
        box.UseArchive = true;
        box.WriteSymbols("BTCUSDT", "SOLUSDT");

        var run = await box.SyncAsync("2026-08-15T12:30:00Z", "2026-11-03T06:00:00Z");

        Assert.True(run.ExitCode == 0, run.ToString());
        var range = Sandbox.Range("2026-08-15 12:30", "2026-11-03 06:00");
        box.AssertExact("BTCUSDT", range);
        box.AssertExact("SOLUSDT", range);
        // Per symbol: Sep and Oct monthly, Aug 16-31 and Nov 1-2 daily: 20 files.
        Assert.Equal(20, run.Summary.Symbol("BTCUSDT").ArchiveFiles);
        // REST only for 11.5 hours on Aug 15 and 6 hours on Nov 3: 3 pages (weight 2, 2, 2... at most) per symbol.
        Assert.InRange(box.Simulator.Counters.Requests(RestEndpoint.Klines), 2, 8);
        Assert.True(run.Summary.Root.GetProperty("archiveBytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Archive_and_rest_only_runs_write_byte_identical_files()
    {
        await using var withArchive = await Sandbox.StartAsync();
        await using var restOnly = await Sandbox.StartAsync();
        withArchive.UseArchive = true;
        withArchive.WriteSymbols("ETHUSDT");
        restOnly.WriteSymbols("ETHUSDT");

        Assert.Equal(0, (await withArchive.SyncAsync("2026-09-29T18:00:00Z", "2026-11-02T03:00:00Z")).ExitCode);
        Assert.Equal(0, (await restOnly.SyncAsync("2026-09-29T18:00:00Z", "2026-11-02T03:00:00Z")).ExitCode);

        Assert.Equal(File.ReadAllBytes(restOnly.CsvPath("ETHUSDT")), File.ReadAllBytes(withArchive.CsvPath("ETHUSDT")));
    }

    [Fact]
    public async Task Archive_rows_carried_as_text_write_the_bytes_the_candle_path_writes()
    {
        // The CSV-only store takes archive rows as text; with Parquet beside it the same files go through candles.
        await using var text = await Sandbox.StartAsync();
        await using var objects = await Sandbox.StartAsync();
        foreach (var box in new[] { text, objects })
        {
            box.UseArchive = true;
            box.WriteSymbols("BTCUSDT", "SOLUSDT");
        }

        // A later range first, then an earlier one: the second run merges archive rows before stored ones.
        Assert.Equal(0, (await text.SyncAsync("2026-10-01", "2026-10-20")).ExitCode);
        Assert.Equal(0, (await objects.SyncAsync("2026-10-01", "2026-10-20", "--format", "both")).ExitCode);
        Assert.Equal(0, (await text.SyncAsync("2026-08-28", "2026-10-20")).ExitCode);
        Assert.Equal(0, (await objects.SyncAsync("2026-08-28", "2026-10-20", "--format", "both")).ExitCode);

        foreach (var symbol in new[] { "BTCUSDT", "SOLUSDT" })
            Assert.Equal(File.ReadAllBytes(objects.CsvPath(symbol)), File.ReadAllBytes(text.CsvPath(symbol)));
        text.AssertExact("BTCUSDT", Sandbox.Range("2026-08-28", "2026-10-20"));
    }

    [Fact]
    public async Task Files_with_and_without_a_header_row_both_parse_exactly()
    {
        await using var box = await Sandbox.StartAsync();
        box.UseArchive = true;
        box.WriteSymbols("BTCUSDT");

        // 2022-04 files have no header; 2022-05 files do.
        var run = await box.SyncAsync("2022-04-01", "2022-06-01");

        Assert.True(run.ExitCode == 0, run.ToString());
        box.AssertExact("BTCUSDT", Sandbox.Range("2022-04-01", "2022-06-01"));
        Assert.Equal(2, run.Summary.Symbol("BTCUSDT").ArchiveFiles);
    }

    [Fact]
    public async Task A_day_missing_from_the_archive_is_fetched_from_rest()
    {
        await using var box = await Sandbox.StartAsync(o => o.Archive.MissingDays.Add(new ArchiveMissingDay { Symbol = "BTCUSDT", Day = new DateOnly(2026, 10, 15) }));
        box.UseArchive = true;
        box.WriteSymbols("BTCUSDT");

        var run = await box.SyncAsync("2026-10-01", "2026-11-01");

        Assert.True(run.ExitCode == 0, run.ToString());
        box.AssertExact("BTCUSDT", Sandbox.Range("2026-10-01", "2026-11-01"));
        // The monthly file lacks the day; REST fills it: 1,440 minutes in pages of 499.
        Assert.Equal(3, box.Simulator.Counters.Requests(RestEndpoint.Klines));
    }

    [Theory]
    [InlineData("checksum")]
    [InlineData("truncated")]
    public async Task A_bad_file_falls_back_to_rest_and_nothing_unverified_is_stored(string defect)
    {
        var selector = new ArchiveFileSelector { Symbol = "SOLUSDT", Period = "2026-09" };
        await using var box = await Sandbox.StartAsync(o =>
        {
            if (defect == "checksum")
                o.Archive.ChecksumMismatches.Add(selector);
            else
                o.Archive.TruncatedZips.Add(selector);
        });
        box.UseArchive = true;
        box.WriteSymbols("SOLUSDT");

        var run = await box.SyncAsync("2026-09-01", "2026-10-01");

        Assert.True(run.ExitCode == 0, run.ToString());
        box.AssertExact("SOLUSDT", Sandbox.Range("2026-09-01", "2026-10-01"));
        Assert.Equal(0, run.Summary.Symbol("SOLUSDT").ArchiveFiles);
        Assert.True(box.Simulator.Counters.Requests(RestEndpoint.Klines) >= 43_200 / 499);
    }

    [Fact]
    public async Task Files_not_yet_published_are_left_to_rest()
    {
        // Now is 2026-12-01 00:00:30: November's monthly file is not due yet, its last days' daily files neither.
        await using var box = await Sandbox.StartAsync();
        box.UseArchive = true;
        box.WriteSymbols("ETHUSDT");

        var run = await box.SyncAsync("2026-11-01", null);

        Assert.True(run.ExitCode == 0, run.ToString());
        box.AssertExact("ETHUSDT", Sandbox.Range("2026-11-01", "2026-12-01"));
        var files = run.Summary.Symbol("ETHUSDT").ArchiveFiles;
        Assert.InRange(files, 27, 29);
        Assert.Equal(0, box.Simulator.ArchiveCounters.NotFound);
        Assert.InRange(box.Simulator.Counters.Requests(RestEndpoint.Klines), 3, 12);
    }

    [Fact]
    public async Task A_symbol_gone_from_exchange_info_gets_its_history_from_the_archive()
    {
        await using var box = await Sandbox.StartAsync();
        box.UseArchive = true;
        box.WriteSymbols("FTTUSDT");

        var run = await box.SyncAsync("2022-10-20T06:00:00Z", "2022-12-10");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("synced", run.Summary.Symbol("FTTUSDT").Status);
        box.AssertExact("FTTUSDT", Sandbox.Range("2022-10-20 06:00", "2022-12-10"));
        Assert.Equal(0, box.Simulator.Counters.Requests(RestEndpoint.Klines));

        var again = await box.SyncAsync("2022-10-20T06:00:00Z", "2022-12-10");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("upToDate", again.Summary.Symbol("FTTUSDT").Status);
    }
}
