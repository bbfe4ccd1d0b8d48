using CandleFunctions.Orchestration;
using CandleFunctions.Tests.Support;

namespace CandleFunctions.Tests.Staging;

public sealed class LeftoverStagingTests
{
    private static readonly SyncInput HalfDay = new(["BTCUSDT"], null, SyncHarness.At("2026-11-28 00:00"), SyncHarness.At("2026-11-28 12:00"));

    [Fact]
    public async Task The_next_merge_of_a_symbol_deletes_pages_an_earlier_run_left_behind()
    {
        await using var harness = await SyncHarness.StartAsync();
        var old = Leftover(harness, "BTCUSDT/earlier_BTCUSDT/1700000000000.csv", TimeSpan.FromHours(2));
        var otherSymbol = Leftover(harness, "ETHUSDT/earlier_ETHUSDT/1700000000000.csv", TimeSpan.FromHours(2));

        await harness.RunAsync(HalfDay);

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(otherSymbol));
    }

    [Fact]
    public async Task Pages_another_run_staged_within_the_hour_are_left_alone()
    {
        await using var harness = await SyncHarness.StartAsync();
        var recent = Leftover(harness, "BTCUSDT/running_BTCUSDT/1700000000000.csv", TimeSpan.FromMinutes(10));

        await harness.RunAsync(HalfDay);

        Assert.True(File.Exists(recent));
    }

    private static string Leftover(SyncHarness harness, string name, TimeSpan age)
    {
        var path = Path.Combine(harness.StagingDirectory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "timestamp,open,high,low,close,volume\n");
        File.SetLastWriteTimeUtc(path, (harness.Time.GetUtcNow() - age).UtcDateTime);
        return path;
    }
}
