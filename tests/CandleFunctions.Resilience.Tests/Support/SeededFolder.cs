using System.Globalization;
using BinanceSimulator.Hosting;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Resilience.Tests.Support;

/// <summary>
/// A simulator and one synced day of BTCUSDT (1,440 rows and a ledger), made once; each test copies the day into a
/// folder of its own, damages it, and syncs or verifies.
/// </summary>
public sealed class SeededFolder : IAsyncLifetime
{
    public const string Symbol = "BTCUSDT";

    /// <summary>The seeded day.</summary>
    public static readonly UtcRange Day = new(new DateTimeOffset(2026, 11, 9, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero));

    private readonly TempFolder _seed = new();

    public SimulatorHost Simulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await SimulatorHost.StartAsync(Scenario.Options(Scenario.FastWeightPerSecond));
        var exit = await InProcessCandles.RunAsync([.. SyncArgs(_seed["data"], Day)]);
        if (exit.Code != 0)
            throw new InvalidOperationException($"seeding failed: {exit}");
    }

    /// <summary>Copies the seeded day into <paramref name="folder"/>'s "data" and returns that path.</summary>
    public string CopyTo(TempFolder folder)
    {
        var data = folder["data"];
        Directory.CreateDirectory(data);
        foreach (var name in new[] { Symbol + ".csv", Symbol + ".ledger.json" })
            File.Copy(Path.Combine(_seed["data"], name), Path.Combine(data, name));
        return data;
    }

    /// <summary>A REST-only sync of <see cref="Symbol"/> (or <paramref name="symbols"/>) over <paramref name="range"/>.</summary>
    public List<string> SyncArgs(string data, UtcRange range, string? symbols = null)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(data))!;
        return
        [
            "sync", "--data", data, "--symbols-file", symbols ?? Scenario.WriteSymbolsFile(parent, [Symbol]),
            "--start", range.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--end", range.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--api-url", Simulator.BaseUrl.ToString(), "--no-archive",
        ];
    }

    public async Task DisposeAsync()
    {
        await Simulator.DisposeAsync();
        _seed.Dispose();
    }
}
