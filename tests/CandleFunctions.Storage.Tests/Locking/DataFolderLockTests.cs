using System.Diagnostics;
using CandleFunctions.Storage.Locking;
using CandleFunctions.Storage.Tests.Support;

namespace CandleFunctions.Storage.Tests.Locking;

public sealed class DataFolderLockTests : IDisposable
{
    private const string Flock = "/usr/bin/flock";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Acquire_WhileHeldInThisProcess_ThrowsLockedWithTheFolder()
    {
        using var held = DataFolderLock.Acquire(_directory.Path);

        var error = Assert.Throws<DataFolderLockedException>(() => DataFolderLock.Acquire(_directory.Path));

        Assert.Equal(_directory.Path, error.DataDirectory);
        Assert.Contains($"Another candles sync is using {_directory.Path}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acquire_AfterDispose_Succeeds()
    {
        DataFolderLock.Acquire(_directory.Path).Dispose();

        using var again = DataFolderLock.Acquire(_directory.Path);

        Assert.Equal(_directory.Path, again.DataDirectory);
    }

    [Fact]
    public void Acquire_MissingFolder_CreatesIt()
    {
        var folder = _directory.File("new/data");

        using var held = DataFolderLock.Acquire(folder);

        Assert.True(File.Exists(Path.Combine(folder, DataFolderLock.FileName)));
    }

    [Fact]
    public void Lock_IsVisibleToOtherProcesses()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Flock))
            return; // flock(1) is the cross-process probe; util-linux provides it on Linux.
        var lockFile = Path.Combine(_directory.Path, DataFolderLock.FileName);

        using (DataFolderLock.Acquire(_directory.Path))
            Assert.NotEqual(0, RunFlock(lockFile));

        Assert.Equal(0, RunFlock(lockFile));
    }

    [Fact]
    public void Acquire_WhileAnotherProcessHoldsIt_ThrowsLocked()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Flock))
            return;
        var lockFile = Path.Combine(_directory.Path, DataFolderLock.FileName);
        var ready = _directory.File("ready");
        using var holder = Process.Start(new ProcessStartInfo(Flock, ["-n", lockFile, "sh", "-c", $"touch '{ready}'; sleep 30"])
        {
            RedirectStandardInput = true,
        })!;
        try
        {
            var waited = Stopwatch.StartNew();
            while (!File.Exists(ready) && waited.Elapsed < TimeSpan.FromSeconds(10))
                Thread.Sleep(10);

            Assert.Throws<DataFolderLockedException>(() => DataFolderLock.Acquire(_directory.Path));
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }
    }

    private static int RunFlock(string lockFile)
    {
        using var process = Process.Start(new ProcessStartInfo(Flock, ["-n", lockFile, "true"]))!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
