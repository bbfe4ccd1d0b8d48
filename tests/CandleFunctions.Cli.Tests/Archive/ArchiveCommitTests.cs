using CandleFunctions.Cli.Tests.Support;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Local;
using CandleFunctions.Sync;

namespace CandleFunctions.Cli.Tests.Archive;

/// <summary>How the archive phase groups verified files into durable commits.</summary>
public sealed class ArchiveCommitTests
{
    [Fact]
    public async Task A_month_of_daily_files_is_one_durable_commit_and_a_monthly_file_its_own()
    {
        await using var box = await Sandbox.StartAsync();
        var store = new SlowTextStore<LocalFolderStore>(new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = box.DataDirectory }), TimeSpan.Zero);
        using var rig = new ArchiveRig(box, ArchiveRig.Options(box, maxConcurrentDownloads: 4, maxBytesAhead: 64L << 20), store);

        // Aug 6-31 daily (26 files), September and October monthly, November 1-28 daily (28 files; now is Dec 1, the 29th and 30th are not published yet).
        var report = await rig.Engine.RunAsync(new SyncRequest(["BTCUSDT"], Sandbox.At("2026-08-06"), Sandbox.At("2026-11-29")), CancellationToken.None);

        Assert.Equal(SymbolOutcome.Synced, Assert.Single(report.Symbols).Outcome);
        box.AssertExact("BTCUSDT", Sandbox.Range("2026-08-06", "2026-11-29"));
        // Each commit is at most a month of minutes: the August days, September, October, then November's days in
        // one commit (28 days) — not one commit per file, nor whatever happened to have arrived.
        Assert.Equal(
            [Sandbox.Range("2026-08-06", "2026-09-01"), Sandbox.Range("2026-09-01", "2026-10-01"), Sandbox.Range("2026-10-01", "2026-11-01"), Sandbox.Range("2026-11-01", "2026-11-29")],
            store.TextCommits.Select(c => Assert.Single(c.Covered.Ranges)).ToList());
    }
}
