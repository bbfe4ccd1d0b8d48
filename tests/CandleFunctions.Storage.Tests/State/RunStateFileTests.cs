using CandleFunctions.Storage.State;
using CandleFunctions.Storage.Tests.Support;

namespace CandleFunctions.Storage.Tests.State;

public sealed class RunStateFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Load_NoFile_ReturnsDefaults()
    {
        var state = await RunStateFile.LoadAsync(_directory.Path, CancellationToken.None);

        Assert.Equal(RunState.Default, state);
    }

    [Fact]
    public async Task Save_ThenLoad_RoundTripsTheBan()
    {
        var banned = new RunState(new DateTimeOffset(2026, 3, 1, 12, 30, 15, 250, TimeSpan.Zero));

        await RunStateFile.SaveAsync(_directory.Path, banned, CancellationToken.None);

        Assert.Equal(banned, await RunStateFile.LoadAsync(_directory.Path, CancellationToken.None));
        Assert.Equal([RunStateFile.FileName], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Save_ClearedBan_Overwrites()
    {
        await RunStateFile.SaveAsync(_directory.Path, new RunState(DateTimeOffset.UnixEpoch), CancellationToken.None);

        await RunStateFile.SaveAsync(_directory.Path, RunState.Default, CancellationToken.None);

        Assert.Null((await RunStateFile.LoadAsync(_directory.Path, CancellationToken.None)).BannedUntil);
    }

    [Fact]
    public async Task Load_CorruptFile_ThrowsNamingTheFile()
    {
        var path = RunStateFile.PathFor(_directory.Path);
        await File.WriteAllTextAsync(path, "{\"bannedUntil\": \"soon\"}");

        var error = await Assert.ThrowsAsync<CorruptRunStateException>(() => RunStateFile.LoadAsync(_directory.Path, CancellationToken.None));

        Assert.Equal(path, error.Path);
        Assert.StartsWith(path + ": cannot read the run state", error.Message, StringComparison.Ordinal);
    }
}
