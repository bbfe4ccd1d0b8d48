using System.Text.Json;
using BinanceSimulator.Rest;
using BinanceSimulator.Rest.Faults;
using CandleFunctions.Activities;
using CandleFunctions.Orchestration;
using CandleFunctions.Tests.Support;
using CandleFunctions.Weight;

namespace CandleFunctions.Tests.Orchestration;

public sealed class SymbolOrchestratorTests
{
    // 3 days = 4320 minutes = 9 pages of weight 2.
    private static readonly SyncInput ThreeDays = new(["BTCUSDT"], null, SyncHarness.At("2026-11-25 00:00"), SyncHarness.At("2026-11-28 00:00"));

    [Fact]
    public async Task Chunks_run_in_waves_no_heavier_than_their_grant()
    {
        // One wave open at a time, so each chunk call belongs to the grant asked just before it.
        await using var harness = await SyncHarness.StartAsync(new OrchestrationLimits(MaxWaveWeight: 4, PagesPerChunk: 1) { WavesInFlight = 1 });

        var summary = await harness.RunAsync(ThreeDays);

        Assert.Equal("synced", summary!.Symbols[0].Status);
        var calls = harness.Runtime.Calls.Where(c => c.Caller == "run1:BTCUSDT").ToList();
        var waves = new List<(int Granted, int Sent, int Chunks)>();
        foreach (var call in calls)
        {
            if (call.Kind == "entity-call" && call.Name == nameof(WeightBudgetEntity.Acquire))
                waves.Add((JsonDocument.Parse(call.InputJson!).RootElement.GetProperty("Weight").GetInt32(), 0, 0));
            else if (call.Name == FetchChunkActivity.Name)
            {
                var weight = JsonDocument.Parse(call.InputJson!).RootElement.GetProperty("Pages").EnumerateArray().Sum(p => p.GetProperty("Weight").GetInt32());
                waves[^1] = (waves[^1].Granted, waves[^1].Sent + weight, waves[^1].Chunks + 1);
            }
        }
        var chunkWaves = waves.Where(w => w.Chunks > 0).ToList();
        // Nine pages: the head and tail (fetched first, as the CLI does) and seven more in waves of at most two.
        Assert.Equal(4, chunkWaves.Count);
        Assert.All(chunkWaves, w => Assert.True(w.Sent <= w.Granted && w.Granted <= 4, $"{w.Sent} sent under a grant of {w.Granted}"));
        Assert.Equal(2, chunkWaves.Max(w => w.Chunks));
    }

    [Fact]
    public async Task Several_waves_of_a_symbol_are_open_at_once_each_under_its_own_grant()
    {
        await using var harness = await SyncHarness.StartAsync(new OrchestrationLimits(MaxWaveWeight: 4, PagesPerChunk: 1) { WavesInFlight = 3 });
        // On a loaded machine a first chunk could otherwise end (and its wave report) before the third wave has asked.
        harness.ChunkDelay = TimeSpan.FromMilliseconds(300);

        var summary = await harness.RunAsync(ThreeDays);

        Assert.Equal("synced", summary!.Symbols[0].Status);
        var calls = harness.Runtime.Calls.Where(c => c.Caller == "run1:BTCUSDT").ToList();
        var edgesClosed = calls.FindIndex(c => c.Name == nameof(WeightBudgetEntity.Report));
        var firstChunk = calls.FindIndex(c => c.Name == FetchChunkActivity.Name);
        var firstWaveClosed = calls.FindIndex(firstChunk, c => c.Name == nameof(WeightBudgetEntity.Report));
        // After the edge pages: three grants asked before the first wave's grant is closed, each a distinct grant.
        var asked = calls.Take(firstWaveClosed).Skip(edgesClosed + 1)
            .Where(c => c.Name == nameof(WeightBudgetEntity.Acquire))
            .Select(c => JsonDocument.Parse(c.InputJson!).RootElement.GetProperty("GrantId").GetString())
            .ToList();
        Assert.Equal(3, asked.Distinct().Count());
        Assert.True(harness.Violations.Count == 0, string.Join("; ", harness.Violations));
    }

    [Fact]
    public async Task Weight_in_flight_never_exceeds_the_open_grants()
    {
        await using var harness = await SyncHarness.StartAsync(new OrchestrationLimits(MaxConcurrentSymbols: 3, MaxWaveWeight: 12, PagesPerChunk: 2));

        await harness.RunAsync(ThreeDays with { Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"] });

        Assert.True(harness.Violations.Count == 0, string.Join("; ", harness.Violations));
        Assert.True(harness.MaxInFlight >= 1);
        Assert.All(harness.EntityState()!.Grants, g => Assert.False(g.Open));
    }

    [Fact]
    public async Task A_429_pauses_the_symbol_on_a_durable_timer_until_the_window_turns_then_it_completes()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Simulator.Rest.ForceNext(RestFault.TooManyRequests, 1, RestEndpoint.Klines);

        var summary = await harness.RunAsync(ThreeDays);

        var nextWindow = SyncHarness.At("2026-12-01 00:01");
        Assert.Contains(harness.Runtime.Timers, t => t >= nextWindow);
        Assert.Equal("synced", summary!.Symbols[0].Status);
        Assert.Equal(1, summary.TooManyRequests);
        Assert.Equal(4320, summary.Totals.CandlesAdded);
    }

    [Fact]
    public async Task A_symbol_without_candles_in_range_ends_as_no_data_with_the_range_recorded_empty()
    {
        await using var harness = await SyncHarness.StartAsync();
        var input = new SyncInput(["KAITOUSDT"], null, SyncHarness.At("2025-01-01 00:00"), SyncHarness.At("2025-01-02 00:00"));

        var summary = await harness.RunAsync(input);

        Assert.Equal("noData", summary!.Symbols[0].Status);
        Assert.DoesNotContain(harness.Runtime.Calls, c => c.Name == FetchChunkActivity.Name);
        var stored = await harness.Store.LoadAsync("KAITOUSDT", CancellationToken.None);
        Assert.True(stored.Covered.Covers(new(input.Start, input.End!.Value)));
    }
}
