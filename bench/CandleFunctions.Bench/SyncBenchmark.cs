using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BinanceSimulator.Hosting;
using BinanceSimulator.Rest;
using BinanceSimulator.Rest.RateLimiting;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Bench;

/// <summary>
/// Runs the real <c>candles</c> process against an in-process simulator with time-compressed windows and
/// reports candles per weight, steady-state weight use, 429s, wall time and the process's peak memory. With a
/// neighbour (another program on the same IP, seen only in the header) it also reports how much of what the neighbour
/// leaves the run used, how much the neighbour was refused, and whether every stored candle is the exchange's.
/// </summary>
public static class SyncBenchmark
{
    public static async Task<int> RunAsync(int symbols, int days, int limit, int windowSeconds, DateTimeOffset end, NeighbourOptions? neighbour = null)
    {
        neighbour ??= new NeighbourOptions();
        var options = new SimulatorOptions
        {
            Rest = new RestOptions
            {
                WeightLimit = limit,
                Interval = "SECOND",
                IntervalNum = windowSeconds,
                LatencyMin = TimeSpan.FromMilliseconds(2),
                LatencyMax = TimeSpan.FromMilliseconds(15),
                Neighbour = neighbour,
            },
        };
        await using var simulator = await SimulatorHost.StartAsync(options);
        var names = simulator.Market.Symbols
            .Where(s => s.InExchangeInfo && s.ContractType == "PERPETUAL" && s.MarginAsset == "USDT" && s.DelistedAt is null
                        && s.FirstCandle <= end.AddDays(-days))
            .Select(s => s.Symbol).Take(symbols).ToList();
        var data = Directory.CreateTempSubdirectory("candles-bench-");
        try
        {
            var symbolsFile = Path.Combine(data.FullName, "symbols.csv");
            await File.WriteAllLinesAsync(symbolsFile, ["binance_symbol", .. names]);
            var start = end.AddDays(-days);
            Console.WriteLine($"sync benchmark: {names.Count} symbols x {days} days ({start:yyyy-MM-dd} .. {end:yyyy-MM-dd}), "
                              + $"limit {limit} weight per {windowSeconds} s, simulator latency 2-15 ms"
                              + (neighbour.Share > 0 ? $", another program spending {neighbour.Share:P0} of each window {(neighbour.Burst ? "in a burst at its start" : "steadily")}" : ""));

            var (exit, json, peakBytes, wall) = await RunCandlesAsync(
                ["sync", "--symbols-file", symbolsFile, "--data", data.FullName,
                 "--start", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--end", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                 "--api-url", simulator.BaseUrl.ToString(), "--no-archive", "--json"]);
            using var summary = JsonDocument.Parse(json);
            var root = summary.RootElement;
            var candles = root.GetProperty("totals").GetProperty("candlesAdded").GetInt64();
            var weight = root.GetProperty("weightUsed").GetInt64();

            // Steady state: whole windows between the first and the last one the run touched.
            var windows = simulator.Counters.WeightByWindow.OrderBy(w => w.Key).Select(w => w.Value).ToList();
            var steady = windows.Count > 2 ? windows.Skip(1).SkipLast(1).ToList() : windows;
            var steadyUse = steady.Count == 0 ? 0 : steady.Average() / limit;
            // Over the run: weight against the full limit of every window the run touched (first and last are partial).
            var overall = (double)windows.Sum() / (windows.Count * (double)limit);

            Console.WriteLine($"  exit code                      {exit}");
            if (Environment.GetEnvironmentVariable("BENCH_WINDOWS") is not null)
                Console.WriteLine($"  weight per window              {string.Join(' ', windows)}");
            Console.WriteLine($"  candles stored                 {candles:N0}");
            Console.WriteLine($"  weight used                    {weight:N0} in {root.GetProperty("requests").GetInt64():N0} requests");
            Console.WriteLine($"  candles per weight unit        {(double)candles / weight:F1}");
            Console.WriteLine($"  weight used / available        {steadyUse:P1} in steady state ({steady.Count} full windows), {overall:P1} over all {windows.Count} windows touched");
            var requests = root.GetProperty("requests").GetInt64();
            if (neighbour.Share > 0)
            {
                var left = limit * (1 - neighbour.Share);
                var ofLeft = steady.Count == 0 ? 0 : steady.Average() / left;
                Console.WriteLine($"  our weight / what it leaves    {ofLeft:P1} in steady state ({steady.Count} full windows of {left:F0} left)");
                Console.WriteLine($"  neighbour spent / refused      {simulator.Rest.NeighbourWeight:N0} / {simulator.Rest.NeighbourStarved:N0} weight ({simulator.Rest.NeighbourTooManyRequests} 429s)");
            }
            else
            {
                Console.WriteLine($"  largest window                 {simulator.Counters.MaxWindowWeight} of {limit}");
            }
            Console.WriteLine($"  429s / 418s                    {simulator.Counters.TooManyRequests} / {simulator.Counters.Banned} ({1000.0 * simulator.Counters.TooManyRequests / Math.Max(1, requests):F2} 429s per 1,000 requests)");
            Console.WriteLine($"  data exact                     {(Exact(simulator, names, data.FullName, new UtcRange(start, end)) ? "yes, every candle of every symbol" : "NO")}");
            Console.WriteLine($"  wall time                      {wall.TotalSeconds:F1} s");
            Console.WriteLine($"  peak memory (candles process)  {peakBytes / 1024.0 / 1024.0:F0} MB");
            return exit;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>Whether each symbol's CSV holds exactly the exchange's closed candles over the range, nothing more.</summary>
    private static bool Exact(SimulatorHost simulator, IEnumerable<string> symbols, string folder, UtcRange range)
    {
        foreach (var symbol in symbols)
        {
            var path = Path.Combine(folder, symbol + ".csv");
            if (!File.Exists(path))
                return false;
            var stored = File.ReadLines(path).Skip(1);
            var truth = simulator.Market.ClosedTradedCandles(symbol, range, DateTimeOffset.UtcNow)
                .Select(c => string.Create(CultureInfo.InvariantCulture,
                    $"{DateTimeOffset.FromUnixTimeMilliseconds(c.OpenTime).UtcDateTime:yyyy-MM-dd HH:mm:ss},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume}"));
            if (!stored.SequenceEqual(truth))
                return false;
        }
        return true;
    }

    /// <summary>Runs candles.dll as a child process, sampling its resident-memory high-water mark (VmHWM).</summary>
    internal static async Task<(int Exit, string Json, long PeakBytes, TimeSpan Wall)> RunCandlesAsync(IEnumerable<string> args)
    {
        var candles = CandlesDll();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(candles);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
            await Task.Delay(50);
        }
        await process.WaitForExitAsync();
        clock.Stop();
        var err = await stderr;
        if (process.ExitCode != 0)
            Console.Error.WriteLine(err);
        return (process.ExitCode, await stdout, peak, clock.Elapsed);
    }

    /// <summary>
    /// The candles command from its own build output (same configuration as this benchmark), so it runs
    /// with exactly its own dependencies, as a user's would.
    /// </summary>
    /// <summary>The <c>candles</c> the benchmarks run (see <see cref="CandlesDll"/>).</summary>
    internal static string CandlesPath => CandlesDll();

    /// <summary>
    /// The <c>candles</c> under test: <c>CANDLES_DLL</c> when set (the README's figures use the ReadyToRun build
    /// <c>scripts/demo.sh</c> publishes to <c>artifacts/candles/candles.dll</c>), else the Release build output.
    /// </summary>
    private static string CandlesDll()
    {
        if (Environment.GetEnvironmentVariable("CANDLES_DLL") is { Length: > 0 } chosen)
            return File.Exists(chosen) ? Path.GetFullPath(chosen) : throw new InvalidOperationException($"CANDLES_DLL names no file: {chosen}");
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CandleFunctions.sln")))
            dir = dir.Parent;
        if (dir is null)
            throw new InvalidOperationException("run the benchmark from inside the repository");
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var path = Path.Combine(dir.FullName, "src", "CandleFunctions.Cli", "bin", configuration, "net10.0", "candles.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"build the CLI first: {path} is missing");
    }

    private static long HighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
            // The process just exited.
        }
        return 0;
    }
}
