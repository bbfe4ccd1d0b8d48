using System.Globalization;
using BinanceSimulator.Rest;
using CandleFunctions.Cli.Tests.Support;
using CandleFunctions.Core.Candles;
using CandleFunctions.Storage.Local;
using CandleFunctions.Sync;

namespace CandleFunctions.Cli.Tests.Sync;

public sealed class NotebookAdoptionTests
{
    private static readonly UtcRange Day = Sandbox.Range("2026-11-20", "2026-11-21");

    // Minutes the notebook's file lacks: a run of five and a single one.
    private static readonly UtcRange[] Gaps =
    [
        Sandbox.Range("2026-11-20 10:00", "2026-11-20 10:05"),
        Sandbox.Range("2026-11-20 15:30", "2026-11-20 15:31"),
    ];

    [Theory]
    [InlineData("yyyy-MM-dd HH:mm:ss")]
    [InlineData("yyyy-MM-dd HH:mm:sszzz")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss'Z'")]
    public async Task A_notebook_csv_without_ledger_that_matches_the_exchange_is_kept_and_only_its_missing_minutes_are_fetched(string timestampFormat)
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BTCUSDT");
        var existing = box.GroundTruth("BTCUSDT", Day).Where(r => !Gaps.Any(g => g.Contains(r.Timestamp))).ToList();
        Directory.CreateDirectory(box.DataDirectory);
        WriteLikePandas(box.CsvPath("BTCUSDT"), existing, timestampFormat);
        var klinesBefore = box.Simulator.Counters.Requests(RestEndpoint.Klines);

        var run = await box.SyncAsync("2026-11-20", "2026-11-21");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = run.Summary.Symbol("BTCUSDT");
        Assert.Equal(Gaps, report.RangesFetched);
        Assert.Equal(6, report.CandlesAdded);
        Assert.Equal("matches", report.Repairs.GetProperty("verdict").GetString());
        // Verification reads the day widened by 14 hours each way (3,120 minutes: 7 pages of 499); then one page per
        // gap: the first one doubles as the probe, and the gaps are too short to need a tail probe.
        Assert.Equal(7 + Gaps.Length, box.Simulator.Counters.Requests(RestEndpoint.Klines) - klinesBefore);
        var stored = box.Stored("BTCUSDT");
        Assert.All(existing, row => Assert.Contains(row, stored));
        box.AssertExact("BTCUSDT", Day);
    }

    /// <summary>
    /// Two machines sync into one container holding the notebook's file: the other one's repair lands between our
    /// reading the rows and writing our repair. Ours is refused (it would overwrite rows it never read); the file is
    /// looked at again, now has a ledger, and the symbol is synced instead of failing the run.
    /// </summary>
    [Fact]
    public async Task A_notebook_file_repaired_by_another_process_first_is_synced_not_failed()
    {
        await using var box = await Sandbox.StartAsync();
        var existing = box.GroundTruth("BTCUSDT", Day).Where(r => !Gaps.Any(g => g.Contains(r.Timestamp))).ToList();
        Directory.CreateDirectory(box.DataDirectory);
        WriteLikePandas(box.CsvPath("BTCUSDT"), existing, "yyyy-MM-dd HH:mm:ss");
        var store = new RacedRepairStore(new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = box.DataDirectory }));
        using var rig = new ArchiveRig(box, ArchiveRig.Options(box, maxConcurrentDownloads: 4, maxBytesAhead: 64L << 20), store);

        var report = await rig.Engine.RunAsync(new SyncRequest(["BTCUSDT"], Day.Start, Day.End), CancellationToken.None);

        var symbol = Assert.Single(report.Symbols);
        Assert.True(symbol.Outcome == SymbolOutcome.Synced, $"{symbol.Outcome}: {symbol.Reason} {string.Join("; ", symbol.Errors)}");
        Assert.Equal(1, store.Refused);
        Assert.Equal(Gaps, symbol.RangesFetched);
        box.AssertExact("BTCUSDT", Day);
    }

    /// <summary>What the old notebook's <c>df.to_csv</c> produced: float64 text for values, its own timestamp style.</summary>
    private static void WriteLikePandas(string path, IEnumerable<StoredRow> rows, string timestampFormat)
    {
        using var writer = new StreamWriter(path);
        writer.Write("timestamp,open,high,low,close,volume\n");
        foreach (var r in rows)
        {
            var time = r.Timestamp.ToString(timestampFormat, CultureInfo.InvariantCulture);
            writer.Write($"{time},{Float(r.Open)},{Float(r.High)},{Float(r.Low)},{Float(r.Close)},{Float(r.Volume)}\n");
        }
    }

    private static string Float(decimal value) => ((double)value).ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();
}
