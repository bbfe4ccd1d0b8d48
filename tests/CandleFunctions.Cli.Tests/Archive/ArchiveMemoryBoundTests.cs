using CandleFunctions.Binance.Archive;
using CandleFunctions.Cli.Commands;
using CandleFunctions.Cli.Tests.Support;
using CandleFunctions.Storage;
using CandleFunctions.Storage.Local;
using CandleFunctions.Sync;

namespace CandleFunctions.Cli.Tests.Archive;

/// <summary>What the archive phase holds while its writers are slow: bounded in bytes, whatever the files in flight.</summary>
public sealed class ArchiveMemoryBoundTests
{
    // Two of the simulator's monthly zips (~1.9 MB each, in 2 MB pooled arrays).
    private const long Bound = 4L << 20;

    [Fact]
    public async Task Zips_waiting_for_a_slow_writer_never_hold_more_than_the_memory_bound()
    {
        await using var box = await Sandbox.StartAsync();
        string[] symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"];
        // Sixteen downloads at once and five months ahead per symbol would hold ~36 MB of zips for these writers.
        var options = Options(box, maxConcurrentDownloads: 16, Bound);
        var store = new SlowTextStore<LocalFolderStore>(new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = box.DataDirectory }), TimeSpan.FromMilliseconds(250));
        using var rig = new ArchiveRig(box, options, store);
        var (engine, client) = (rig.Engine, rig.Client);

        // May to October: six monthly files per symbol, written one commit at a time by a writer slower than the link.
        var report = await engine.RunAsync(new SyncRequest(symbols, Sandbox.At("2026-05-01"), Sandbox.At("2026-11-01")), CancellationToken.None);

        Assert.All(report.Symbols, s => Assert.Equal(SymbolOutcome.Synced, s.Outcome));
        foreach (var symbol in symbols)
            box.AssertExact(symbol, Sandbox.Range("2026-05-01", "2026-11-01"));
        Assert.InRange(client.Memory.PeakBytesAhead, 1, Bound);
        Assert.Equal(0, client.Memory.BytesHeld);
    }

    [Fact]
    public async Task A_file_downloaded_again_does_not_queue_behind_files_waiting_for_memory()
    {
        // May's checksum is wrong, so the writer needs May downloaded a second time. Meanwhile June took one of the two
        // download slots and July the one May gave back, and both wait for memory (a zip is more than the bound) that
        // only May's commit would free.
        await using var box = await Sandbox.StartAsync(o => o.Archive.ChecksumMismatches.Add(new BinanceSimulator.Archive.ArchiveFileSelector { Symbol = "BTCUSDT", Period = "2026-05" }));
        var options = Options(box, maxConcurrentDownloads: 2, maxBytesAhead: 1L << 20);
        options.MonthsAheadPerSymbol = 6;
        using var rig = new ArchiveRig(box, options, new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = box.DataDirectory }));
        var (engine, client) = (rig.Engine, rig.Client);
        using var stuck = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        var report = await engine.RunAsync(new SyncRequest(["BTCUSDT"], Sandbox.At("2026-05-01"), Sandbox.At("2026-09-01")), stuck.Token);

        Assert.Equal(SymbolOutcome.Synced, Assert.Single(report.Symbols).Outcome);
        box.AssertExact("BTCUSDT", Sandbox.Range("2026-05-01", "2026-09-01"));
        Assert.Equal(0, client.Memory.BytesHeld);
    }

    private static ArchiveOptions Options(Sandbox box, int maxConcurrentDownloads, long maxBytesAhead) =>
        ArchiveRig.Options(box, maxConcurrentDownloads, maxBytesAhead);
}
