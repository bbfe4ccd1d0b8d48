using CandleFunctions.Cli;
using CandleFunctions.Core.Candles;
using CandleFunctions.Resilience.Tests.Support;
using Xunit.Abstractions;

namespace CandleFunctions.Resilience.Tests.Damage;

/// <summary>A read-only or full data folder (a real tmpfs) gets a clear message and keeps every stored byte; a resume completes the job.</summary>
public sealed class HostileFolderTests(SeededFolder seed, ITestOutputHelper output) : IClassFixture<SeededFolder>
{
    private static readonly UtcRange Week = new(SeededFolder.Day.Start.AddDays(-1), SeededFolder.Day.Start.AddDays(6));

    [Fact]
    public async Task A_read_only_data_folder_is_refused_with_a_clear_message_and_nothing_changes()
    {
        using var folder = new TempFolder();
        using var mount = TmpfsMount.TryMount(folder["data"], 1024);
        if (mount is null)
        {
            output.WriteLine("mount -t tmpfs is not allowed here (not root): nothing to check");
            return;
        }
        seed.CopyTo(folder);
        var before = DataSnapshot.Of(mount.Path);
        mount.SetReadOnly(true);

        var exit = await InProcessCandles.RunAsync([.. seed.SyncArgs(mount.Path, Week)]);

        Assert.Equal(ExitCodes.BadInput, exit.Code);
        Assert.Contains($"candles: The data folder '{mount.Path}' cannot be written", exit.Error, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", exit.Error, StringComparison.Ordinal);
        Assert.Null(DataSnapshot.Of(mount.Path).Difference(before));
    }

    [Fact]
    public async Task A_full_data_folder_fails_the_symbol_keeps_every_stored_row_and_a_resume_with_room_completes_it()
    {
        using var folder = new TempFolder();
        // 200 KB: the seeded day (90 KB) fits, a week (630 KB) does not.
        using var mount = TmpfsMount.TryMount(folder["data"], 200);
        if (mount is null)
        {
            output.WriteLine("mount -t tmpfs is not allowed here (not root): nothing to check");
            return;
        }
        seed.CopyTo(folder);
        var seeded = File.ReadAllLines(Path.Combine(mount.Path, "BTCUSDT.csv"));

        var full = await InProcessCandles.RunAsync([.. seed.SyncArgs(mount.Path, Week)]);

        Assert.Equal(ExitCodes.SomeFailed, full.Code);
        Assert.Contains("No space left on device", full.Output, StringComparison.Ordinal);
        var stored = File.ReadAllLines(Path.Combine(mount.Path, "BTCUSDT.csv"));
        Assert.Empty(seeded.Except(stored));
        Assert.Null(GroundTruth.CoveredRowsProblem(mount.Path, seed.Simulator.Market, [SeededFolder.Symbol]));
        Assert.Empty(Directory.EnumerateFiles(mount.Path, "*.tmp"));

        mount.Resize(4096);
        var resumed = await InProcessCandles.RunAsync([.. seed.SyncArgs(mount.Path, Week)]);
        Assert.Equal(ExitCodes.Success, resumed.Code);
        var expected = "timestamp,open,high,low,close,volume\n"
                       + string.Concat(GroundTruth.Rows(seed.Simulator.Market, SeededFolder.Symbol, Week).Select(r => r + "\n"));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(mount.Path, "BTCUSDT.csv")));
    }
}
