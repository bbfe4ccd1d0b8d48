using System.Diagnostics;
using System.Globalization;
using BinanceSimulator.Hosting;
using CandleFunctions.Storage.Csv;
using DuckDB.NET.Data;

namespace CandleFunctions.Bench;

/// <summary>
/// The columnar store's figures: an archive sync of N symbols over M months with <c>--format csv</c>, <c>both</c> and
/// <c>parquet</c> (wall time, the candles process's CPU time, peak memory), bytes on disk CSV against Parquet, and the
/// time to load every row into memory (<see cref="ParquetLoadBenchmark"/>).
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
            var results = new Dictionary<string, List<(TimeSpan Wall, TimeSpan Cpu, long Peak, string Folder)>>();
            for (var run = 0; run < runs; run++)
            {
                foreach (var format in new[] { "csv", "both", "parquet" })
                {
                    var r = await SyncAsync(simulator, names, start, end, format);
                    folders.Add(r.Folder);
                    if (r.Exit != 0)
                        Console.WriteLine($"  {format}: exit {r.Exit}");
                    (results.TryGetValue(format, out var list) ? list : results[format] = []).Add((r.Wall, r.Cpu, r.Peak, r.Folder));
                }
            }
            var csvWall = Median(results["csv"].Select(r => r.Wall.TotalSeconds));
            var csvCpu = Median(results["csv"].Select(r => r.Cpu.TotalSeconds));
            Console.WriteLine($"  {"sync --format",-16}{"wall s",10}{"vs csv",10}{"CPU s",10}{"vs csv",10}{"peak MB",10}");
            foreach (var (format, list) in results)
            {
                var wall = Median(list.Select(r => r.Wall.TotalSeconds));
                var cpu = Median(list.Select(r => r.Cpu.TotalSeconds));
                Console.WriteLine($"  {format,-16}{wall,10:F1}{wall / csvWall - 1,10:+0.0%;-0.0%}{cpu,10:F1}{cpu / csvCpu - 1,10:+0.0%;-0.0%}{Median(list.Select(r => r.Peak / 1048576.0)),10:F0}");
            }

            var folder = results["both"][0].Folder;
            var csvFiles = Directory.EnumerateFiles(folder, "*.csv").Where(f => !f.EndsWith("symbols.csv", StringComparison.Ordinal)).ToList();
            var csvBytes = csvFiles.Sum(f => new FileInfo(f).Length);
            var parquetBytes = Directory.EnumerateFiles(Path.Combine(folder, "parquet"), "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"  bytes on disk: CSV {csvBytes:N0} (6 columns), Parquet {parquetBytes:N0} (10 columns) = {(double)parquetBytes / csvBytes:P1} of the CSV");

            await ParquetLoadBenchmark.RunAsync(folder, Math.Max(runs, 5));
            return 0;
        }
        finally
        {
            foreach (var f in folders)
                Directory.Delete(f, recursive: true);
        }
    }

    private static async Task<(string Folder, int Exit, TimeSpan Wall, TimeSpan Cpu, long Peak)> SyncAsync(
        SimulatorHost simulator, IReadOnlyList<string> names, DateTimeOffset start, DateTimeOffset end, string format)
    {
        var folder = Directory.CreateTempSubdirectory("candles-parquet-bench-").FullName;
        var symbolsFile = Path.Combine(folder, "symbols.csv");
        await File.WriteAllLinesAsync(symbolsFile, ["binance_symbol", .. names]);
        var cpuBefore = ChildCpu.Total();
        var (exit, _, peak, wall) = await SyncBenchmark.RunCandlesAsync(
        [
            "sync", "--symbols-file", symbolsFile, "--data", folder, "--json", "--format", format,
            "--start", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--end", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--api-url", simulator.BaseUrl.ToString(), "--archive-url", simulator.BaseUrl.ToString(),
        ]);
        return (folder, exit, wall, ChildCpu.Total() - cpuBefore, peak);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
