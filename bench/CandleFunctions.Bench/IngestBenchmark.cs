using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using BinanceSimulator.Hosting;
using BinanceSimulator.Market;
using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Bench;

/// <summary>
/// Archive ingest at the hardware limit: pre-built zips served as static files from disk over loopback, a full
/// <c>candles sync</c> from them (without and with added latency on every archive request), and side by side the
/// floor: one thread that only reads, hashes and inflates the same zips.
/// </summary>
public static class IngestBenchmark
{
    public static async Task<int> RunAsync(int symbols, int days, int latencyMs, int runs, int concurrency)
    {
        var (end, start) = Range(days);
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions(), Market(symbols, start));
        var names = Eligible(simulator, symbols, start);
        var mirror = await MirrorAsync(simulator, names, start, end);
        Console.WriteLine($"candles under test: {SyncBenchmark.CandlesPath}");
        Console.WriteLine($"ingest benchmark: {names.Count} symbols x {days} days ({start:yyyy-MM-dd} .. {end:yyyy-MM-dd}), " +
            $"{mirror.Files} zips, {mirror.Bytes / 1048576.0:F1} MB, served from {mirror.Root}");

        await using var server = await StaticArchiveServer.StartAsync(mirror.Root);
        var floor = new List<Figures>();
        var plain = new List<Figures>();
        var slow = new List<Figures>();
        var exit = 0;
        string? digest = null;
        // One untimed run first: the static server stands in for a CDN, whose start-up (JIT, first reads from disk)
        // is not ours to pay; without it the first measured runs share the two cores with a cold server.
        _ = await SyncAsync(simulator, server, names, start, end, concurrency);
        for (var run = 0; run < runs; run++)
        {
            floor.Add(Floor(mirror.Root));
            server.Latency = TimeSpan.Zero;
            var (a, aDigest) = await SyncAsync(simulator, server, names, start, end, concurrency);
            server.Latency = TimeSpan.FromMilliseconds(latencyMs);
            var (b, bDigest) = await SyncAsync(simulator, server, names, start, end, concurrency);
            plain.Add(a);
            slow.Add(b);
            digest ??= aDigest;
            if (a.Exit != 0 || b.Exit != 0 || aDigest != digest || bDigest != digest)
                exit = 1;
        }

        Console.WriteLine($"  medians of {runs} run(s){"",-8}{"floor",14}{"candles",14}{$"+{latencyMs} ms",14}");
        Row("wall time (s)", floor, plain, slow, f => f.Wall.TotalSeconds, "F2");
        Row("CPU time (s)", floor, plain, slow, f => f.Cpu.TotalSeconds, "F2");
        Row("  of it system (s)", floor, plain, slow, f => f.SystemCpu.TotalSeconds, "F2");
        Row("candles per second", floor, plain, slow, f => f.Candles / f.Wall.TotalSeconds, "N0");
        Row("candles per CPU second", floor, plain, slow, f => f.Candles / f.Cpu.TotalSeconds, "N0");
        Row("peak memory (MB)", floor, plain, slow, f => f.PeakBytes / 1048576.0, "F0");
        Row("candles", floor, plain, slow, f => f.Candles, "N0");
        Console.WriteLine($"  latency cost {Median(slow, f => f.Wall.TotalSeconds) / Median(plain, f => f.Wall.TotalSeconds):F2}x wall, " +
            $"CPU {Median(plain, f => f.Cpu.TotalSeconds) / Median(floor, f => f.Cpu.TotalSeconds):F1}x the floor; " +
            $"output digest {digest?[..16]} (same in every run: {exit == 0})");
        return exit;
    }

    /// <summary>
    /// Serves the same mirror and simulator and waits until standard input closes, printing the <c>candles sync</c>
    /// command that ingests from them: for profiling the child on its own (<c>dotnet-trace</c>, <c>dotnet-counters</c>).
    /// </summary>
    public static async Task<int> ServeAsync(int symbols, int days, int latencyMs)
    {
        var (end, start) = Range(days);
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions(), Market(symbols, start));
        var names = Eligible(simulator, symbols, start);
        var mirror = await MirrorAsync(simulator, names, start, end);
        await using var server = await StaticArchiveServer.StartAsync(mirror.Root);
        server.Latency = TimeSpan.FromMilliseconds(latencyMs);
        var symbolsFile = Path.Combine(mirror.Root, "symbols.csv");
        await File.WriteAllLinesAsync(symbolsFile, ["binance_symbol", .. names]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"candles sync --symbols-file {symbolsFile} --start {start:yyyy-MM-dd} --end {end:yyyy-MM-dd} --api-url {simulator.BaseUrl} --archive-url {server.BaseUrl} --json --data DIR"));
        Console.WriteLine("serving until standard input closes");
        await Console.In.ReadToEndAsync();
        return 0;
    }

    /// <summary>The range the benchmark syncs: <paramref name="days"/> days ending three days ago (all published).</summary>
    private static (DateTimeOffset End, DateTimeOffset Start) Range(int days)
    {
        var end = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-3);
        return (end, end.AddDays(-days));
    }

    /// <summary>The first <paramref name="symbols"/> USDT perpetuals that traded over the whole range.</summary>
    private static List<string> Eligible(SimulatorHost simulator, int symbols, DateTimeOffset start) =>
        simulator.Market.Symbols
            .Where(s => s.InExchangeInfo && s.ContractType == "PERPETUAL" && s.MarginAsset == "USDT" && s.DelistedAt is null && s.FirstCandle <= start)
            .Select(s => s.Symbol).Take(symbols).ToList();

    /// <summary>
    /// The simulator's universe, plus synthetic perpetuals (<c>SYN01USDT</c>, ...) generated like the others when fewer
    /// than <paramref name="symbols"/> of its own traded since <paramref name="start"/> (28 have traded over two years).
    /// </summary>
    private static SimulatedMarket Market(int symbols, DateTimeOffset start)
    {
        var own = DefaultUniverse.Symbols();
        var eligible = own.Count(s => s.InExchangeInfo && s.ContractType == "PERPETUAL" && s.MarginAsset == "USDT" && s.DelistedAt is null && s.FirstCandle <= start);
        var synthetic = Enumerable.Range(1, Math.Max(0, symbols - eligible)).Select(i => new SimSymbol
        {
            Symbol = string.Create(CultureInfo.InvariantCulture, $"SYN{i:00}USDT"),
            BaseAsset = string.Create(CultureInfo.InvariantCulture, $"SYN{i:00}"),
            OnboardDate = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i),
            BasePrice = 0.5m * i,
            PricePrecision = 2 + i % 5,
            QuantityPrecision = i % 3,
        });
        return new SimulatedMarket([.. own, .. synthetic], DefaultUniverse.Outages());
    }

    private static void Row(string name, List<Figures> floor, List<Figures> plain, List<Figures> slow, Func<Figures, double> pick, string format)
    {
        var cells = new[] { floor, plain, slow }.Select(runs => Median(runs, pick).ToString(format, CultureInfo.InvariantCulture).PadLeft(14));
        Console.WriteLine($"  {name,-30}{string.Concat(cells)}");
    }

    private static double Median(List<Figures> runs, Func<Figures, double> pick)
    {
        var values = runs.Select(pick).Order().ToList();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    /// <summary>
    /// Downloads every zip and checksum the sync will ask for once, from the simulator, into a folder laid out
    /// like the archive (kept between runs: the simulator's market is the same for the same dates).
    /// </summary>
    private static async Task<(string Root, int Files, long Bytes)> MirrorAsync(SimulatorHost simulator, IReadOnlyList<string> names, DateTimeOffset start, DateTimeOffset end)
    {
        var root = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture,
            $"candles-ingest-mirror-{names.Count}-{start:yyyyMMdd}-{end:yyyyMMdd}"));
        var planner = new ArchivePlanner(new ArchiveOptions());
        var jobs = names.SelectMany(n => planner.Plan(n, CoverageSet.Of(new UtcRange(start, end)), simulator.ServerNow).Jobs).ToList();
        using var http = new HttpClient { BaseAddress = simulator.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
        await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (job, token) =>
        {
            foreach (var path in new[] { job.ZipPath, job.ChecksumPath })
            {
                var file = Path.Combine(root, path);
                if (File.Exists(file))
                    continue;
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                var bytes = await http.GetByteArrayAsync(path, token);
                await File.WriteAllBytesAsync(file + ".part", bytes, token);
                File.Move(file + ".part", file, overwrite: true);
            }
        });
        var zips = Directory.EnumerateFiles(root, "*.zip", SearchOption.AllDirectories).Select(f => new FileInfo(f).Length).ToList();
        return (root, zips.Count, zips.Sum());
    }

    /// <summary>The floor: read each zip, SHA-256 it, inflate its CSV and count the rows, on one thread.</summary>
    private static Figures Floor(string root)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long rows = 0;
        var buffer = new byte[1 << 16];
        foreach (var path in Directory.EnumerateFiles(root, "*.zip", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(path);
            _ = SHA256.HashData(bytes);
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            using var csv = zip.Entries[0].Open();
            int read;
            while ((read = csv.Read(buffer)) > 0)
                rows += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        clock.Stop();
        return new Figures(0, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, rows, 0);
    }

    private static async Task<(Figures Figures, string Digest)> SyncAsync(
        SimulatorHost simulator, StaticArchiveServer server, IReadOnlyList<string> names, DateTimeOffset start, DateTimeOffset end, int concurrency)
    {
        var folder = Directory.CreateTempSubdirectory("candles-ingest-bench-").FullName;
        try
        {
            var symbolsFile = Path.Combine(folder, "symbols.csv");
            await File.WriteAllLinesAsync(symbolsFile, ["binance_symbol", .. names]);
            var data = Path.Combine(folder, "data");
            List<string> args =
            [
                "sync", "--symbols-file", symbolsFile, "--data", data, "--json",
                "--start", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--end", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "--api-url", simulator.BaseUrl.ToString(), "--archive-url", server.BaseUrl.ToString(),
            ];
            if (concurrency > 0)
                args.AddRange(["--archive-concurrency", concurrency.ToString(CultureInfo.InvariantCulture)]);
            var cpu = ChildCpu.Total();
            var sys = ChildCpu.System();
            var (exit, json, peak, wall) = await SyncBenchmark.RunCandlesAsync(args);
            var used = ChildCpu.Total() - cpu;
            var usedSys = ChildCpu.System() - sys;
            long candles = 0;
            if (exit == 0)
            {
                using var summary = JsonDocument.Parse(json);
                candles = summary.RootElement.GetProperty("totals").GetProperty("candlesAdded").GetInt64();
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var name in names)
                hash.AppendData(await File.ReadAllBytesAsync(Path.Combine(data, name + ".csv")));
            return (new Figures(exit, wall, used, candles, peak) { SystemCpu = usedSys }, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Figures(int Exit, TimeSpan Wall, TimeSpan Cpu, long Candles, long PeakBytes)
    {
        /// <summary>The kernel's part of <see cref="Cpu"/> (zero for the floor, which runs in this process).</summary>
        public TimeSpan SystemCpu { get; init; }
    }
}
