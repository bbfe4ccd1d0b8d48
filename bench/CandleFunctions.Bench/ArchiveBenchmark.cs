using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using BinanceSimulator.Hosting;
using BinanceSimulator.Rest;

namespace CandleFunctions.Bench;

/// <summary>
/// The same backfill twice against the simulator at mainnet's real limit (2400 weight per minute): with the
/// public archive and REST-only. Reports wall time, API weight and bytes downloaded, and checks the files match.
/// </summary>
public static class ArchiveBenchmark
{
    public static async Task<int> RunAsync(int symbols, int months)
    {
        var options = new SimulatorOptions
        {
            Rest = new RestOptions { LatencyMin = TimeSpan.FromMilliseconds(2), LatencyMax = TimeSpan.FromMilliseconds(15) },
        };
        await using var simulator = await SimulatorHost.StartAsync(options);
        var end = new DateTimeOffset(simulator.ServerNow.Year, simulator.ServerNow.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        var start = end.AddMonths(-months);
        var names = simulator.Market.Symbols
            .Where(s => s.InExchangeInfo && s.ContractType == "PERPETUAL" && s.MarginAsset == "USDT" && s.DelistedAt is null && s.FirstCandle <= start)
            .Select(s => s.Symbol).Take(symbols).ToList();
        Console.WriteLine($"archive benchmark: {names.Count} symbols x {months} months ({start:yyyy-MM-dd} .. {end:yyyy-MM-dd}), limit 2400 weight per minute");

        // The real archive serves static files; the simulator builds each zip on first request. A throwaway run
        // builds them all first, so the timed run measures this tool rather than the simulator's zip maker.
        Directory.Delete((await SyncAsync(simulator, names, start, end, archive: true)).Folder, recursive: true);
        var withArchive = await SyncAsync(simulator, names, start, end, archive: true);
        var restOnly = await SyncAsync(simulator, names, start, end, archive: false);
        try
        {
            var identical = names.All(n => Hash(Path.Combine(withArchive.Folder, n + ".csv")) == Hash(Path.Combine(restOnly.Folder, n + ".csv")));
            Console.WriteLine($"  {"",-22}{"archive",14}{"REST only",14}");
            Console.WriteLine($"  {"exit code",-22}{withArchive.Exit,14}{restOnly.Exit,14}");
            Console.WriteLine($"  {"wall time (s)",-22}{withArchive.Wall.TotalSeconds,14:F1}{restOnly.Wall.TotalSeconds,14:F1}");
            Console.WriteLine($"  {"API weight",-22}{withArchive.Weight,14:N0}{restOnly.Weight,14:N0}");
            Console.WriteLine($"  {"archive MB",-22}{withArchive.ArchiveBytes / 1048576.0,14:F1}{restOnly.ArchiveBytes / 1048576.0,14:F1}");
            Console.WriteLine($"  {"candles",-22}{withArchive.Candles,14:N0}{restOnly.Candles,14:N0}");
            Console.WriteLine($"  speed-up {restOnly.Wall / withArchive.Wall:F1}x, weight saved {1 - (double)withArchive.Weight / restOnly.Weight:P1}, files byte-identical: {identical}");
            return identical && withArchive.Exit == 0 && restOnly.Exit == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(withArchive.Folder, recursive: true);
            Directory.Delete(restOnly.Folder, recursive: true);
        }
    }

    private static async Task<Run> SyncAsync(SimulatorHost simulator, IReadOnlyList<string> names, DateTimeOffset start, DateTimeOffset end, bool archive)
    {
        var folder = Directory.CreateTempSubdirectory("candles-archive-bench-").FullName;
        var symbolsFile = Path.Combine(folder, "symbols.csv");
        await File.WriteAllLinesAsync(symbolsFile, ["binance_symbol", .. names]);
        string[] args =
        [
            "sync", "--symbols-file", symbolsFile, "--data", folder, "--json",
            "--start", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--end", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--api-url", simulator.BaseUrl.ToString(), "--archive-url", simulator.BaseUrl.ToString(),
            .. archive ? Array.Empty<string>() : ["--no-archive"],
        ];
        var (exit, json, _, wall) = await SyncBenchmark.RunCandlesAsync(args);
        using var summary = JsonDocument.Parse(json);
        var root = summary.RootElement;
        return new Run(folder, exit, wall, root.GetProperty("weightUsed").GetInt64(), root.GetProperty("archiveBytes").GetInt64(),
            root.GetProperty("totals").GetProperty("candlesAdded").GetInt64());
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    private sealed record Run(string Folder, int Exit, TimeSpan Wall, long Weight, long ArchiveBytes, long Candles);
}
