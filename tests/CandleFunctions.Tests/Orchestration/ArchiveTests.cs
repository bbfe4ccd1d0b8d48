using System.Globalization;
using System.Text.Json;
using BinanceSimulator.Archive;
using CandleFunctions.Binance.Archive;
using CandleFunctions.Activities;
using CandleFunctions.Core.Candles;
using CandleFunctions.Orchestration;
using CandleFunctions.Tests.Fakes;
using CandleFunctions.Tests.Support;
using CandleFunctions.Weight;

namespace CandleFunctions.Tests.Orchestration;

public sealed class ArchiveTests
{
    private static readonly OrchestrationLimits WithArchive = new() { UseArchive = true };

    [Fact]
    public async Task Whole_days_come_from_the_archive_and_only_the_partial_edges_from_rest()
    {
        await using var harness = await SyncHarness.StartAsync(WithArchive);
        var input = Input("BTCUSDT", "2026-11-20 12:00", "2026-11-28 12:00");

        var summary = await harness.RunAsync(input);

        Assert.Equal(7, ArchiveCalls(harness).Count);
        var restMinutes = RestPages(harness).Sum(r => (r.End - r.Start).TotalMinutes);
        Assert.Equal(720 + 720, restMinutes);
        Assert.Equal(7, summary!.Symbols[0].ArchiveFiles);
        Assert.True(summary.ArchiveBytes > 0);
        await AssertStoredEqualsExchangeAsync(harness, "BTCUSDT", input);
    }

    [Fact]
    public async Task A_whole_month_comes_from_its_monthly_file()
    {
        await using var harness = await SyncHarness.StartAsync(WithArchive);
        var input = Input("ETHUSDT", "2026-10-01 00:00", "2026-11-01 00:00");

        var summary = await harness.RunAsync(input);

        var call = Assert.Single(ArchiveCalls(harness));
        Assert.Equal((int)ArchiveGranularity.Monthly, JsonDocument.Parse(call.InputJson!).RootElement.GetProperty("Granularity").GetInt32());
        Assert.Empty(RestPages(harness));
        Assert.Equal("synced", summary!.Symbols[0].Status);
        await AssertStoredEqualsExchangeAsync(harness, "ETHUSDT", input);
    }

    [Fact]
    public async Task Archive_files_take_no_weight_grant()
    {
        await using var harness = await SyncHarness.StartAsync(WithArchive);

        await harness.RunAsync(Input("BTCUSDT", "2026-11-25 00:00", "2026-11-28 00:00"));

        Assert.Equal(3, ArchiveCalls(harness).Count);
        // The archive covers everything, so (as in the CLI) no REST request and no grant at all: no separate probes.
        Assert.DoesNotContain(harness.Runtime.Calls, c => c.Caller == "run1:BTCUSDT" && c.Name == nameof(WeightBudgetEntity.Acquire));
    }

    [Fact]
    public async Task A_day_the_archive_lost_from_a_monthly_file_is_fetched_from_rest()
    {
        await using var harness = await SyncHarness.StartAsync(
            WithArchive, o => o.Archive.MissingDays.Add(new ArchiveMissingDay { Symbol = "SOLUSDT", Day = new DateOnly(2026, 10, 12) }));
        var input = Input("SOLUSDT", "2026-10-01 00:00", "2026-11-01 00:00");

        var summary = await harness.RunAsync(input);

        var lost = new UtcRange(SyncHarness.At("2026-10-12 00:00"), SyncHarness.At("2026-10-13 00:00"));
        Assert.Equal(1440, RestPages(harness).Sum(r => (r.End - r.Start).TotalMinutes));
        Assert.All(RestPages(harness), r => Assert.Equal(r, r.Intersect(lost)));
        Assert.Equal("synced", summary!.Symbols[0].Status);
        await AssertStoredEqualsExchangeAsync(harness, "SOLUSDT", input);
    }

    [Fact]
    public async Task A_symbol_exchange_info_no_longer_lists_gets_its_history_from_the_archive_alone()
    {
        await using var harness = await SyncHarness.StartAsync(WithArchive);
        var input = Input("FTTUSDT", "2022-11-01 00:00", "2022-12-01 00:00");

        var summary = await harness.RunAsync(input);

        var ftt = summary!.Symbols[0];
        Assert.Equal("synced", ftt.Status);
        Assert.Equal("delisted; history recovered from the public archive", ftt.Reason);
        Assert.DoesNotContain(harness.Runtime.Calls, c => c.Caller == "run1:FTTUSDT" && (c.Name == FetchEdgesActivity.Name || c.Name == FetchChunkActivity.Name));
        Assert.DoesNotContain(harness.Runtime.Calls, c => c.Caller == "run1:FTTUSDT" && c.Name == nameof(WeightBudgetEntity.Acquire));
        await AssertStoredEqualsExchangeAsync(harness, "FTTUSDT", input);
        Assert.True((await harness.Store.LoadAsync("FTTUSDT", CancellationToken.None)).Covered.Covers(new UtcRange(input.Start, input.End!.Value)));
    }

    [Fact]
    public async Task A_name_neither_exchange_info_nor_the_archive_knows_is_unknown()
    {
        await using var harness = await SyncHarness.StartAsync(WithArchive);

        var summary = await harness.RunAsync(Input("NOSUCHUSDT", "2026-11-25 00:00", "2026-11-26 00:00"));

        Assert.Equal("unknown", summary!.Symbols[0].Status);
        Assert.Equal("neither exchangeInfo nor the public archive knows it (misspelt?)", summary.Symbols[0].Reason);
    }

    private static SyncInput Input(string symbol, string start, string end) => new([symbol], null, SyncHarness.At(start), SyncHarness.At(end));

    private static List<CallRecord> ArchiveCalls(SyncHarness harness) =>
        harness.Runtime.Calls.Where(c => c.Name == FetchArchiveFileActivity.Name).ToList();

    /// <summary>The span REST was asked for: the first edge call's missing ranges (its head, tail and pages tile it).</summary>
    private static List<UtcRange> RestPages(SyncHarness harness) =>
        harness.Runtime.Calls
            .Where(c => c.Name == FetchEdgesActivity.Name && !JsonDocument.Parse(c.InputJson!).RootElement.GetProperty("HeadDone").GetBoolean())
            .SelectMany(c => JsonDocument.Parse(c.InputJson!).RootElement.GetProperty("Missing").EnumerateArray())
            .Select(r => new UtcRange(r.GetProperty("Start").GetDateTimeOffset(), r.GetProperty("End").GetDateTimeOffset()))
            .ToList();

    private static async Task AssertStoredEqualsExchangeAsync(SyncHarness harness, string symbol, SyncInput input)
    {
        var range = new UtcRange(input.Start, input.End!.Value);
        var expected = harness.Simulator.Market.ClosedTradedCandles(symbol, range, harness.Simulator.ServerNow).ToList();
        var stored = await harness.Store.ReadAsync(symbol, CancellationToken.None).ToListAsync();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(c => c.OpenTime), stored.Select(c => c.OpenTimeMs));
        Assert.Equal(expected.Select(c => decimal.Parse(c.Close, CultureInfo.InvariantCulture)), stored.Select(c => c.Close));
    }
}
