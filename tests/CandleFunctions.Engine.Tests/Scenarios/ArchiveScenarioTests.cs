using CandleFunctions.Core.Candles;
using CandleFunctions.Engine.Tests.Support;
using CandleFunctions.Orchestration;

namespace CandleFunctions.Engine.Tests.Scenarios;

[Collection(EngineCollection.Name)]
public sealed class ArchiveScenarioTests(StorageEmulator storage)
{
    private static readonly Dictionary<string, string?> WithArchive = new() { ["CandleFunctions:UseArchive"] = "true" };

    [Fact]
    public async Task Whole_days_come_from_the_archive_and_only_the_partial_edges_from_rest()
    {
        await using var rig = await EngineRig.StartAsync(storage, settings: WithArchive);
        var range = new UtcRange(Days.Today.AddDays(-6).AddHours(12), Days.Today.AddDays(-3).AddHours(12));

        var summary = rig.Summary(await rig.RunAsync(new SyncInput(["BTCUSDT"], null, range.Start, range.End)));

        var symbol = summary.Symbols.Single();
        Assert.Equal("synced", symbol.Status);
        Assert.Equal(2, symbol.ArchiveFiles);
        // REST fetched only the two half days at the edges: 720 + 720 minutes in pages.
        var pages = rig.Requests.Pages.Where(r => r.Status == 200).ToList();
        // Every page starts (or, for the tail page, ends) outside the two archived days.
        Assert.All(pages, p => Assert.True(
            (p.StartTimeMs ?? p.EndTimeMs) < Days.Today.AddDays(-5).ToUnixTimeMilliseconds() || (p.StartTimeMs ?? p.EndTimeMs) >= Days.Today.AddDays(-3).ToUnixTimeMilliseconds()));
        Assert.Equal(4, pages.Count);
        await rig.AssertExactAsync("BTCUSDT", range);
    }

    [Fact]
    public async Task A_symbol_only_the_archive_knows_is_recovered_from_it_without_weight()
    {
        await using var rig = await EngineRig.StartAsync(storage, settings: WithArchive);
        var range = new UtcRange(EngineRig.At("2022-11-01 00:00"), EngineRig.At("2022-12-01 00:00"));

        var summary = rig.Summary(await rig.RunAsync(new SyncInput(["FTTUSDT"], null, range.Start, range.End)));

        var ftt = summary.Symbols.Single();
        Assert.Equal("synced", ftt.Status);
        Assert.True(ftt.ArchiveFiles >= 1);
        Assert.DoesNotContain(rig.Requests.Sent, r => r.Symbol == "FTTUSDT");
        // Only the plan's exchangeInfo and its two clock samples.
        Assert.Equal(1 + 2, summary.WeightUsed);
        var expected = rig.Simulator.Market.ClosedTradedCandles("FTTUSDT", range, rig.Simulator.ServerNow).ToList();
        var stored = await rig.StoredAsync("FTTUSDT");
        Assert.Equal(expected.Select(c => c.OpenTime), stored.Select(c => c.OpenTimeMs));
    }
}
