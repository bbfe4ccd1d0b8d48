using System.Globalization;
using CandleFunctions.Cli.Tests.Support;
using CandleFunctions.Core.Candles;
using CandleFunctions.Storage.Parquet;

namespace CandleFunctions.Cli.Tests.Parquet;

public sealed class ParquetVerifyAndExportTests
{
    [Fact]
    public async Task Verify_passes_a_both_sync_and_checks_the_parquet_side()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("ETHUSDT");
        await box.SyncAsync("2026-11-20", "2026-11-21", "--format", "both");

        var verify = await CandlesCommand.RunAsync(box.Time, CancellationToken.None, "verify", "--data", box.DataDirectory);

        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("ETHUSDT          ok     1,440 candles", verify.Stdout, StringComparison.Ordinal);
        Assert.Contains("ETHUSDT (parquet) ok     1,440 candles 2026-11-20 00:00 .. 2026-11-20 23:59", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_reports_a_parquet_candle_that_differs_from_the_csv()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("ETHUSDT");
        await box.SyncAsync("2026-11-20", "2026-11-21", "--format", "both");
        var months = new LocalParquetMonthStore(box.DataDirectory);
        var month = new DateOnly(2026, 11, 1);
        var rows = (await months.ReadMonthAsync("ETHUSDT", month, CancellationToken.None)).ToList();
        rows[100] = rows[100] with { Volume = rows[100].Volume + 1 };
        await months.WriteMonthAsync("ETHUSDT", month, rows, CancellationToken.None);

        var verify = await CandlesCommand.RunAsync(box.Time, CancellationToken.None, "verify", "--data", box.DataDirectory);

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("ETHUSDT (parquet) ERRORS", verify.Stdout, StringComparison.Ordinal);
        Assert.Contains("error: 1 minutes that both ledgers cover differ between ETHUSDT.csv and the Parquet files (2026-11-20 01:40 differs).", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_reports_a_month_file_that_is_not_a_candle_file_and_leaves_it_alone()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("ETHUSDT");
        await box.SyncAsync("2026-11-20", "2026-11-21", "--format", "parquet");
        var path = new LocalParquetMonthStore(box.DataDirectory).MonthPath("ETHUSDT", new DateOnly(2026, 11, 1));
        await File.WriteAllTextAsync(path, "timestamp,open\n");

        var verify = await CandlesCommand.RunAsync(box.Time, CancellationToken.None, "verify", "--data", box.DataDirectory);

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("month=2026-11.parquet: not a readable candle Parquet file", verify.Stdout, StringComparison.Ordinal);
        Assert.Equal("timestamp,open\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Export_converts_a_notebook_csv_offline_to_parquet_that_duckdb_reads_as_the_same_candles()
    {
        await using var box = await Sandbox.StartAsync();
        Directory.CreateDirectory(box.DataDirectory);
        // The notebook's shape: no ledger, rows over a month boundary.
        var truth = box.GroundTruth("SOLUSDT", Sandbox.Range("2026-10-31 22:00", "2026-11-01 02:00"));
        var csv = "timestamp,open,high,low,close,volume\n" + string.Concat(truth.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Timestamp:yyyy-MM-dd HH:mm:ss},{r.Open},{r.High},{r.Low},{r.Close},{r.Volume}\n")));
        await File.WriteAllTextAsync(box.CsvPath("SOLUSDT"), csv);

        var export = await CandlesCommand.RunAsync(box.Time, CancellationToken.None, "export", "--format", "parquet", "--data", box.DataDirectory);

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains("SOLUSDT          240 candles written to 2 month file(s)", export.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, box.Simulator.Counters.TotalRequests);
        Assert.Equal(csv, await File.ReadAllTextAsync(box.CsvPath("SOLUSDT")));
        Assert.False(File.Exists(box.LedgerPath("SOLUSDT")));
        var parquet = DuckDb.ReadParquet(box.DataDirectory);
        Assert.Equal(DuckDb.ReadCsv(box.CsvPath("SOLUSDT")), parquet.Select(r => (r.OpenTime, r.Open, r.High, r.Low, r.Close, r.Volume)));
        Assert.All(parquet, r => Assert.Null(r.QuoteVolume));
        var ledger = await new LocalParquetMonthStore(box.DataDirectory).ReadLedgerAsync("SOLUSDT", CancellationToken.None);
        Assert.Equal(Core.Coverage.CoverageSet.Of(new UtcRange(truth[0].Timestamp, truth[^1].Timestamp.AddMinutes(1))), ledger);
        var verify = await CandlesCommand.RunAsync(box.Time, CancellationToken.None, "verify", "--data", box.DataDirectory);
        Assert.Contains("SOLUSDT (parquet) ok     240 candles", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_to_another_format_is_bad_input()
    {
        await using var box = await Sandbox.StartAsync();
        Directory.CreateDirectory(box.DataDirectory);

        var export = await CandlesCommand.RunAsync(box.Time, CancellationToken.None, "export", "--format", "csv", "--data", box.DataDirectory);

        Assert.Equal(2, export.ExitCode);
        Assert.Contains("--format 'csv' cannot be exported to; the only target is parquet.", export.Stderr, StringComparison.Ordinal);
    }
}
