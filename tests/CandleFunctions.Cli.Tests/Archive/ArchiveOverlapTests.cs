using CandleFunctions.Cli.Tests.Support;

namespace CandleFunctions.Cli.Tests.Archive;

/// <summary>Archive downloads over a distant link: they overlap across symbols, up to <c>--archive-concurrency</c> and no further.</summary>
public sealed class ArchiveOverlapTests
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task Over_a_slow_link_monthly_files_of_several_symbols_download_at_once_up_to_the_concurrency()
    {
        await using var box = await Sandbox.StartAsync();
        await using var link = await SlowArchiveLink.StartAsync(box.Simulator.BaseUrl, Latency);
        box.UseArchive = true;
        box.ArchiveUrl = link.BaseUrl;
        string[] symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"];
        box.WriteSymbols(symbols);

        // July to October: four monthly files per symbol, no daily ones, no REST.
        var run = await box.SyncAsync("2026-07-01", "2026-11-01", "--archive-concurrency", "8");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var symbol in symbols)
            box.AssertExact(symbol, Sandbox.Range("2026-07-01", "2026-11-01"));
        Assert.Equal(16, link.Zips);
        // One month ahead per symbol would hold four in flight; each of the four symbols keeps its share of eight.
        Assert.InRange(link.PeakZipsInFlight, 6, 8);
    }

    [Fact]
    public async Task The_archive_concurrency_bounds_the_downloads_in_flight()
    {
        await using var box = await Sandbox.StartAsync();
        await using var link = await SlowArchiveLink.StartAsync(box.Simulator.BaseUrl, Latency);
        box.UseArchive = true;
        box.ArchiveUrl = link.BaseUrl;
        box.WriteSymbols("BTCUSDT", "ETHUSDT");

        var run = await box.SyncAsync("2026-08-01", "2026-11-01", "--archive-concurrency", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        box.AssertExact("BTCUSDT", Sandbox.Range("2026-08-01", "2026-11-01"));
        box.AssertExact("ETHUSDT", Sandbox.Range("2026-08-01", "2026-11-01"));
        Assert.Equal(6, link.Zips);
        Assert.InRange(link.PeakZipsInFlight, 1, 2);
    }
}
