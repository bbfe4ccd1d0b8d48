using System.Diagnostics;
using System.Globalization;
using BinanceSimulator.Hosting;
using CandleFunctions.Storage.Csv;
using DuckDB.NET.Data;

namespace CandleFunctions.Bench;

/// <summary>
/// The columnar store's figures: an archive sync of N symbols over M months with <c>--format csv</c>, <c>both</c> and
/// <c>parquet</c> (wall time, peak memory), bytes on disk CSV against Parquet, and the time to load every row into
/// memory: DuckDB reading the Parquet dataset against CsvHelper parsing the CSVs.
/// </summary>
public static class ParquetBenchmark
{
    public static async Task<int> RunAsync(int symbols, int months, int runs)
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions());
        var end = new DateTimeOffset(simulator.ServerNow.Year, simulator.ServerNow.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        var start = end.AddMonths(-months);
        var names = simulator.Market.Symbols
            .Where(s => s.InExchangeInfo && s.ContractType == "PERPETUAL" && s.MarginAsset == "USDT" && s.DelistedAt is null && s.FirstCandle <= start)
            .Select(s => s.Symbol).Take(symbols).ToList();
        Console.WriteLine($"parquet benchmark: {names.Count} symbols x {months} months ({start:yyyy-MM-dd} .. {end:yyyy-MM-dd}) from the archive, median of {runs} runs");

        // The simulator builds each zip on first request; the real archive serves static files. Warm it up first.
        Directory.Delete((await SyncAsync(simulator, names, start, end, "csv")).Folder, recursive: true);
        var folders = new List<string>();
        try
        {
            var results = new Dictionary<string, List<(TimeSpan Wall, long Peak, string Folder)>>();
            for (var run = 0; run < runs; run++)
            {
                foreach (var format in new[] { "csv", "both", "parquet" })
                {
                    var r = await SyncAsync(simulator, names, start, end, format);
                    folders.Add(r.Folder);
                    if (r.Exit != 0)
                        Console.WriteLine($"  {format}: exit {r.Exit}");
                    (results.TryGetValue(format, out var list) ? list : results[format] = []).Add((r.Wall, r.Peak, r.Folder));
                }
            }
            var csvWall = Median(results["csv"].Select(r => r.Wall.TotalSeconds));
            Console.WriteLine($"  {"sync --format",-16}{"wall s",10}{"vs csv",10}{"peak MB",10}");
            foreach (var (format, list) in results)
            {
                var wall = Median(list.Select(r => r.Wall.TotalSeconds));
                Console.WriteLine($"  {format,-16}{wall,10:F1}{wall / csvWall - 1,10:+0.0%;-0.0%}{Median(list.Select(r => r.Peak / 1048576.0)),10:F0}");
            }

            var folder = results["both"][0].Folder;
            var csvFiles = Directory.EnumerateFiles(folder, "*.csv").Where(f => !f.EndsWith("symbols.csv", StringComparison.Ordinal)).ToList();
            var csvBytes = csvFiles.Sum(f => new FileInfo(f).Length);
            var parquetBytes = Directory.EnumerateFiles(Path.Combine(folder, "parquet"), "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"  bytes on disk: CSV {csvBytes:N0} (6 columns), Parquet {parquetBytes:N0} (10 columns) = {(double)parquetBytes / csvBytes:P1} of the CSV");

            // A notebook opens DuckDB once; the load is what each back-test run pays.
            using var duck = new DuckDBConnection("DataSource=:memory:");
            duck.Open();
            var csvTimes = new List<double>();
            var duckTimes = new List<double>();
            long csvRows = 0, duckRows = 0;
            for (var i = 0; i < Math.Max(runs, 5); i++)
            {
                var clock = Stopwatch.StartNew();
                csvRows = 0;
                foreach (var f in csvFiles)
                    csvRows += await ParseCsvAsync(f);
                csvTimes.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                duckRows = LoadParquet(duck, Path.Combine(folder, "parquet"));
                duckTimes.Add(clock.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"  load every row: CsvHelper (CandleCsv) {Median(csvTimes):F0} ms ({csvRows:N0} rows), DuckDB read_parquet {Median(duckTimes):F0} ms ({duckRows:N0} rows) = {Median(csvTimes) / Median(duckTimes):F1}x faster");
            return 0;
        }
        finally
        {
            foreach (var f in folders)
                Directory.Delete(f, recursive: true);
        }
    }

    /// <summary>The store's own CsvHelper reader (exact decimals), turned into the float64 rows a back-tester holds.</summary>
    private static async Task<long> ParseCsvAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        var rows = new List<(DateTimeOffset, double, double, double, double, double)>();
        await foreach (var c in CandleCsv.ReadAsync(stream, path, Path.GetFileNameWithoutExtension(path), CancellationToken.None))
            rows.Add((c.Timestamp, (double)c.Open, (double)c.High, (double)c.Low, (double)c.Close, (double)c.Volume));
        return rows.Count;
    }

    private static long LoadParquet(DuckDBConnection connection, string root)
    {
        using var command = connection.CreateCommand();
        var glob = Path.Combine(root, "**", "*.parquet").Replace("'", "''", StringComparison.Ordinal);
        command.CommandText = $"CREATE OR REPLACE TABLE candles AS SELECT * FROM read_parquet('{glob}', hive_partitioning=true); SELECT count(*) FROM candles";
        return (long)command.ExecuteScalar()!;
    }

    private static async Task<(string Folder, int Exit, TimeSpan Wall, long Peak)> SyncAsync(
        SimulatorHost simulator, IReadOnlyList<string> names, DateTimeOffset start, DateTimeOffset end, string format)
    {
        var folder = Directory.CreateTempSubdirectory("candles-parquet-bench-").FullName;
        var symbolsFile = Path.Combine(folder, "symbols.csv");
        await File.WriteAllLinesAsync(symbolsFile, ["binance_symbol", .. names]);
        var (exit, _, peak, wall) = await SyncBenchmark.RunCandlesAsync(
        [
            "sync", "--symbols-file", symbolsFile, "--data", folder, "--json", "--format", format,
            "--start", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--end", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--api-url", simulator.BaseUrl.ToString(), "--archive-url", simulator.BaseUrl.ToString(),
        ]);
        return (folder, exit, wall, peak);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
