using System.Diagnostics;
using System.Globalization;
using BinanceSimulator.Market;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Schema;
using ParquetSharp;

namespace CandleFunctions.Bench;

/// <summary>
/// Chooses the Parquet library by measurement: one symbol-year of simulated klines written as twelve month files
/// (zstd, one row group per month) by Parquet.Net and by ParquetSharp, with float64 values and (Parquet.Net only)
/// with DECIMAL(18, scale) values. Reports write time, managed allocations, bytes on disk, and whether DuckDB reads
/// back exactly the exchange's numbers.
/// </summary>
public static class ParquetLibraryBenchmark
{
    private sealed record Row(long OpenMs, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume,
        decimal QuoteVolume, long Trades, decimal TakerBuyVolume, decimal TakerBuyQuoteVolume);

    public static async Task<int> RunAsync(int runs)
    {
        var symbol = DefaultUniverse.Symbols().Single(s => s.Symbol == "BTCUSDT");
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var months = Enumerable.Range(0, 12).Select(m => Month(symbol, start.AddMonths(m))).ToList();
        Console.WriteLine($"parquet library benchmark: BTCUSDT, {months.Sum(m => m.Length):N0} rows in 12 month files, median of {runs} runs");
        var root = Directory.CreateTempSubdirectory("parquet-libs-").FullName;
        try
        {
            var variants = new (string Name, Func<string, Row[], Task> Write)[]
            {
                ("Parquet.Net float64", (p, r) => WriteParquetNetAsync(p, r, decimals: false)),
                ("Parquet.Net f64 fast", (p, r) => WriteParquetNetAsync(p, r, decimals: false, System.IO.Compression.CompressionLevel.Fastest)),
                ("ParquetSharp float64", (p, r) => { WriteParquetSharp(p, r, split: false); return Task.CompletedTask; }),
                ("ParquetSharp f64 split", (p, r) => { WriteParquetSharp(p, r, split: true); return Task.CompletedTask; }),
                ("Parquet.Net decimal", (p, r) => WriteParquetNetAsync(p, r, decimals: true)),
            };
            Console.WriteLine($"  {"variant",-22}{"write ms",10}{"alloc MB",10}{"bytes",12}{"DuckDB load ms",16}  exact");
            foreach (var (name, write) in variants)
            {
                var folder = Path.Combine(root, name.Replace(' ', '-'));
                var times = new List<double>();
                var allocs = new List<double>();
                for (var run = 0; run < runs; run++)
                {
                    if (Directory.Exists(folder))
                        Directory.Delete(folder, true);
                    Directory.CreateDirectory(folder);
                    GC.Collect();
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var watch = Stopwatch.StartNew();
                    for (var m = 0; m < months.Count; m++)
                        await write(Path.Combine(folder, $"month={m:00}.parquet"), months[m]);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    allocs.Add((GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0);
                }
                var bytes = Directory.EnumerateFiles(folder).Sum(f => new FileInfo(f).Length);
                var (loadMs, exact) = ReadBack(folder, months.SelectMany(m => m).ToList());
                Console.WriteLine($"  {name,-22}{Median(times),10:F0}{Median(allocs),10:F0}{bytes,12:N0}{loadMs,16:F0}  {exact}");
            }
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static Row[] Month(SimSymbol symbol, DateTimeOffset start)
    {
        var end = start.AddMonths(1);
        var rows = new List<Row>();
        for (var t = start; t < end; t = t.AddMinutes(1))
        {
            var c = PriceModel.Traded(symbol, t.ToUnixTimeMilliseconds());
            rows.Add(new Row(c.OpenTime, D(c.Open), D(c.High), D(c.Low), D(c.Close), D(c.Volume), D(c.QuoteVolume), c.Count, D(c.TakerBuyVolume), D(c.TakerBuyQuoteVolume)));
        }
        return [.. rows];
    }

    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static readonly string[] s_values = ["open", "high", "low", "close", "volume", "quote_volume", "taker_buy_volume", "taker_buy_quote_volume"];

    private static decimal[] Values(Row[] rows, int column) => rows.Select(r => column switch
    {
        0 => r.Open, 1 => r.High, 2 => r.Low, 3 => r.Close, 4 => r.Volume, 5 => r.QuoteVolume, 6 => r.TakerBuyVolume, _ => r.TakerBuyQuoteVolume,
    }).ToArray();

    private static async Task WriteParquetNetAsync(string path, Row[] rows, bool decimals, System.IO.Compression.CompressionLevel level = System.IO.Compression.CompressionLevel.Optimal)
    {
        var time = new DateTimeDataField("open_time", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis);
        var columns = s_values.Select((n, i) => decimals
            ? (DataField)new DecimalDataField(n, 18, Values(rows, i).Max(v => v.Scale)) : new DataField<double>(n)).ToList();
        var trades = new DataField<long>("trades");
        var schema = new ParquetSchema([time, .. columns[..6], trades, .. columns[6..]]);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.Zstd, CompressionLevel = level });
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<DateTime>(time, rows.Select(r => DateTimeOffset.FromUnixTimeMilliseconds(r.OpenMs).UtcDateTime).ToArray());
        for (var i = 0; i < 8; i++)
        {
            if (i == 6)
                await group.WriteAsync<long>(trades, rows.Select(r => r.Trades).ToArray());
            if (decimals)
                await group.WriteAsync<decimal>(columns[i], Values(rows, i));
            else
                await group.WriteAsync<double>(columns[i], Values(rows, i).Select(v => (double)v).ToArray());
        }
    }

    private static void WriteParquetSharp(string path, Row[] rows, bool split)
    {
        Column[] columns =
        [
            new Column<DateTime>("open_time", LogicalType.Timestamp(true, ParquetSharp.TimeUnit.Millis)),
            .. s_values[..6].Select(n => new Column<double>(n)),
            new Column<long>("trades"),
            .. s_values[6..].Select(n => new Column<double>(n)),
        ];
        using var builder = new WriterPropertiesBuilder().Compression(Compression.Zstd);
        if (split)
        {
            builder.DisableDictionary();
            foreach (var n in s_values)
                builder.Encoding(n, ParquetSharp.Encoding.ByteStreamSplit);
        }
        using var properties = builder.Build();
        using var file = new ParquetFileWriter(path, columns, properties);
        using var group = file.AppendRowGroup();
        using (var w = group.NextColumn().LogicalWriter<DateTime>())
            w.WriteBatch(rows.Select(r => DateTimeOffset.FromUnixTimeMilliseconds(r.OpenMs).UtcDateTime).ToArray());
        for (var i = 0; i < 8; i++)
        {
            if (i == 6)
            {
                using var t = group.NextColumn().LogicalWriter<long>();
                t.WriteBatch(rows.Select(r => r.Trades).ToArray());
            }
            using var w = group.NextColumn().LogicalWriter<double>();
            w.WriteBatch(Values(rows, i).Select(v => (double)v).ToArray());
        }
        file.Close();
    }

    private static (double Ms, bool Exact) ReadBack(string folder, List<Row> expected)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        var glob = Path.Combine(folder, "*.parquet").Replace("'", "''", StringComparison.Ordinal);
        command.CommandText = $"CREATE TABLE t AS SELECT * FROM read_parquet('{glob}') ORDER BY open_time";
        var watch = Stopwatch.StartNew();
        command.ExecuteNonQuery();
        var ms = watch.Elapsed.TotalMilliseconds;
        command.CommandText = "SELECT epoch_ms(open_time), open, high, low, close, volume, quote_volume, trades, taker_buy_volume, taker_buy_quote_volume FROM t";
        using var reader = command.ExecuteReader();
        var i = 0;
        var exact = true;
        while (reader.Read())
        {
            var e = expected[i++];
            decimal[] want = [e.Open, e.High, e.Low, e.Close, e.Volume, e.QuoteVolume, e.TakerBuyVolume, e.TakerBuyQuoteVolume];
            int[] ordinals = [1, 2, 3, 4, 5, 6, 8, 9];
            exact &= reader.GetInt64(0) == e.OpenMs && reader.GetInt64(7) == e.Trades;
            for (var k = 0; k < 8; k++)
            {
                var got = reader.GetValue(ordinals[k]) switch
                {
                    double d => decimal.Parse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture),
                    decimal m => m,
                    var other => Convert.ToDecimal(other, CultureInfo.InvariantCulture),
                };
                exact &= got == want[k];
            }
        }
        return (ms, exact && i == expected.Count);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
