using CandleFunctions.Cli.Tests.Support;

namespace CandleFunctions.Cli.Tests.Parquet;

public sealed class ParquetSyncTests
{
    private static readonly string[] Symbols = ["BTCUSDT", "DOGEUSDT"];

    [Fact]
    public async Task A_both_sync_writes_parquet_that_duckdb_reads_as_exactly_the_csv_candles_with_the_exchange_extras()
    {
        await using var box = await Sandbox.StartAsync();
        box.UseArchive = true;
        box.WriteSymbols(Symbols);
        // Across a month boundary, from the archive (whole October days) and REST (the rest).
        var range = Sandbox.Range("2026-10-30", "2026-11-01 12:00");

        var run = await box.SyncAsync("2026-10-30", "2026-11-01 12:00", "--format", "both");

        Assert.True(run.ExitCode == 0, run.ToString());
        var parquet = DuckDb.ReadParquet(box.DataDirectory);
        foreach (var symbol in Symbols)
        {
            box.AssertExact(symbol, range);
            var rows = parquet.Where(r => r.Symbol == symbol).ToList();
            var csv = DuckDb.ReadCsv(box.CsvPath(symbol));
            Assert.Equal(csv, rows.Select(r => (r.OpenTime, r.Open, r.High, r.Low, r.Close, r.Volume)));
            var truth = box.Simulator.Market.ClosedTradedCandles(symbol, range, box.Time.GetUtcNow()).ToList();
            Assert.Equal(truth.Count, rows.Count);
            for (var i = 0; i < truth.Count; i++)
            {
                var t = truth[i];
                Assert.Equal(
                    (DuckDb.Parse(t.QuoteVolume), (long)t.Count, DuckDb.Parse(t.TakerBuyVolume), DuckDb.Parse(t.TakerBuyQuoteVolume)),
                    (rows[i].QuoteVolume, rows[i].Trades, rows[i].TakerBuyVolume, rows[i].TakerBuyQuoteVolume));
            }
        }
        // The symbol comes from the hive path; each symbol has one file per month.
        Assert.Equal(
            Symbols.SelectMany(s => new[] { (s, $"symbol={s}/month=2026-10.parquet"), (s, $"symbol={s}/month=2026-11.parquet") }).Order(),
            DuckDb.SymbolFiles(box.DataDirectory).Select(f => (f.Symbol, Path.GetRelativePath(Path.Combine(box.DataDirectory, "parquet"), f.File))).Order());
    }

    [Fact]
    public async Task Month_files_have_typed_columns_in_the_exchange_order()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("ETHUSDT");

        var run = await box.SyncAsync("2026-11-20", "2026-11-20 06:00", "--format", "parquet");

        Assert.True(run.ExitCode == 0, run.ToString());
        var schema = DuckDb.Schema(Path.Combine(box.DataDirectory, "parquet", "symbol=ETHUSDT", "month=2026-11.parquet"));
        Assert.Equal(
            [("open_time", "TIMESTAMP WITH TIME ZONE"), ("open", "DOUBLE"), ("high", "DOUBLE"), ("low", "DOUBLE"), ("close", "DOUBLE"), ("volume", "DOUBLE"),
             ("quote_volume", "DOUBLE"), ("trades", "BIGINT"), ("taker_buy_volume", "DOUBLE"), ("taker_buy_quote_volume", "DOUBLE")],
            schema);
    }

    [Fact]
    public async Task A_parquet_only_sync_writes_no_csv_keeps_its_ledger_and_a_rerun_fetches_nothing()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("ETHUSDT");

        var first = await box.SyncAsync("2026-11-20", "2026-11-21", "--format", "parquet");
        var again = await box.SyncAsync("2026-11-20", "2026-11-21", "--format", "parquet");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.False(File.Exists(box.CsvPath("ETHUSDT")));
        Assert.True(File.Exists(Path.Combine(box.DataDirectory, "parquet", "symbol=ETHUSDT", "_ledger.json")));
        Assert.Equal(1440, DuckDb.ReadParquet(box.DataDirectory).Count);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(again.Summary.Symbol("ETHUSDT").RangesFetched);
        Assert.Equal("upToDate", again.Summary.Symbol("ETHUSDT").Status);
    }

    [Fact]
    public async Task Switching_a_csv_folder_to_both_fetches_the_parquet_side_and_leaves_the_csv_bytes_unchanged()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("ETHUSDT");
        await box.SyncAsync("2026-11-20", "2026-11-21");
        var csvBefore = await File.ReadAllBytesAsync(box.CsvPath("ETHUSDT"));

        var run = await box.SyncAsync("2026-11-20", "2026-11-21", "--format", "both");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(csvBefore, await File.ReadAllBytesAsync(box.CsvPath("ETHUSDT")));
        Assert.Equal(DuckDb.ReadCsv(box.CsvPath("ETHUSDT")),
            DuckDb.ReadParquet(box.DataDirectory).Select(r => (r.OpenTime, r.Open, r.High, r.Low, r.Close, r.Volume)));
    }

    [Fact]
    public async Task An_unknown_format_is_bad_input()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("ETHUSDT");

        var run = await box.SyncAsync("2026-11-20", "2026-11-21", "--format", "feather");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--format 'feather' is not one of csv, parquet, both.", run.Stderr);
    }
}
