using CandleFunctions.Cli.Tests.Support;
using CandleFunctions.Storage.Locking;

namespace CandleFunctions.Cli.Tests.Sync;

public sealed class FolderLockTests
{
    [Fact]
    public async Task A_data_folder_held_by_another_run_is_refused_with_a_clear_message_and_nothing_is_written()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BTCUSDT");
        using var other = DataFolderLock.Acquire(box.DataDirectory);

        var run = await box.SyncAsync("2026-11-20", "2026-11-21");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Another candles sync is using", run.Stderr);
        Assert.DoesNotContain("Exception", run.Stderr);
        Assert.Equal([DataFolderLock.FileName], Directory.GetFileSystemEntries(box.DataDirectory).Select(Path.GetFileName));
        Assert.Equal(0, box.Simulator.Counters.TotalRequests);
    }
}
