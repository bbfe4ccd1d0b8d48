using System.Globalization;
using BinanceSimulator.Hosting;
using BinanceSimulator.Rest;
using BinanceSimulator.Rest.Faults;
using BinanceSimulator.Rest.RateLimiting;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Resilience.Tests.Support;

/// <summary>
/// The sync every process test runs: four symbols over twelve days with an exchange-wide outage, a delisting and a
/// listing inside the range, against a simulator whose rate-limit window is one second, so that a run lasts long
/// enough to be killed mid-way yet finishes in seconds.
/// </summary>
public static class Scenario
{
    /// <summary>Long-listed, long-listed, delisted on 2026-11-15 09:00, listed on 2026-11-20 08:30.</summary>
    public static readonly IReadOnlyList<string> Symbols = ["BTCUSDT", "ETHUSDT", "BNXUSDT", "NEWCOINUSDT"];

    /// <summary>The range, with the outage of 2026-11-10 03:00-03:45 inside.</summary>
    public static readonly UtcRange Range = new(
        new DateTimeOffset(2026, 11, 9, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero));

    /// <summary>The weight limit per one-second window that makes a run last about ten seconds (about 170 weight in all).</summary>
    public const int SlowWeightPerSecond = 16;

    /// <summary>A limit that makes a run last about four seconds: long enough to act on mid-run.</summary>
    public const int MediumWeightPerSecond = 40;

    /// <summary>A limit so high that a run takes as long as the work itself.</summary>
    public const int FastWeightPerSecond = 5000;

    public static SimulatorOptions Options(int weightPerSecond, FaultOptions? faults = null) =>
        new()
        {
            Rest = new RestOptions
            {
                WeightLimit = weightPerSecond,
                Interval = "SECOND",
                IntervalNum = 1,
                LatencyMin = TimeSpan.FromMilliseconds(1),
                LatencyMax = TimeSpan.FromMilliseconds(8),
                Faults = faults ?? new FaultOptions(),
            },
        };

    /// <summary>A simulator whose windows are <paramref name="windowSeconds"/> long with <paramref name="limit"/> weight each, optionally shared with another program.</summary>
    public static SimulatorOptions Windowed(int limit, int windowSeconds, NeighbourOptions? neighbour = null, FaultOptions? faults = null)
    {
        var options = Options(limit, faults);
        options.Rest.IntervalNum = windowSeconds;
        options.Rest.Neighbour = neighbour ?? new NeighbourOptions();
        return options;
    }

    /// <summary>Writes the symbols file beside (not inside) the data folder and returns its path.</summary>
    public static string WriteSymbolsFile(string folder, IEnumerable<string>? symbols = null)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "filtered_tokens.csv");
        File.WriteAllLines(path, ["binance_symbol", .. symbols ?? Symbols]);
        return path;
    }

    /// <summary>The command line of a REST-only sync of the scenario into <paramref name="data"/>.</summary>
    public static List<string> SyncArgs(string data, string symbolsFile, Uri api, params string[] extra) =>
    [
        "sync", "--data", data, "--symbols-file", symbolsFile,
        "--start", Range.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "--end", Range.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "--api-url", api.ToString(), "--no-archive", .. extra,
    ];
}
