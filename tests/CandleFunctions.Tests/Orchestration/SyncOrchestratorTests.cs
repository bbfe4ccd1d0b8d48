using CandleFunctions.Activities;
using CandleFunctions.Core.Candles;
using CandleFunctions.Orchestration;
using CandleFunctions.Tests.Support;

namespace CandleFunctions.Tests.Orchestration;

public sealed class SyncOrchestratorTests
{
    private static readonly string[] Three = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];
    private static readonly SyncInput HalfDay = new(Three, null, SyncHarness.At("2026-11-28 00:00"), SyncHarness.At("2026-11-28 12:00"));

    [Fact]
    public async Task A_run_plans_once_then_fans_out_one_child_per_symbol_with_deterministic_ids()
    {
        await using var harness = await SyncHarness.StartAsync();

        await harness.RunAsync(HalfDay, "run1");

        var calls = harness.Runtime.Calls;
        Assert.Single(calls, c => c.Name == PlanSyncActivity.Name);
        var children = calls.Where(c => c.Kind == "suborchestration").Select(c => c.TargetId).ToList();
        Assert.Equal(["run1:BTCUSDT", "run1:ETHUSDT", "run1:SOLUSDT"], children.Order());
        Assert.All(Three, s => Assert.Single(calls, c => c.Name == FetchEdgesActivity.Name && c.Caller == "run1:" + s));
        Assert.All(Three, s => Assert.Single(calls, c => c.Name == MergeSymbolActivity.Name && c.Caller == "run1:" + s));
    }

    [Fact]
    public async Task A_run_stores_exactly_the_exchanges_closed_candles_and_leaves_no_staging()
    {
        await using var harness = await SyncHarness.StartAsync();

        var summary = await harness.RunAsync(HalfDay);

        Assert.NotNull(summary);
        Assert.Equal(3, summary.Totals.Synced);
        var range = new UtcRange(HalfDay.Start, HalfDay.End!.Value);
        foreach (var symbol in Three)
        {
            var expected = harness.Simulator.Market.ClosedTradedCandles(symbol, range, harness.Simulator.ServerNow).ToList();
            var stored = await harness.Store.ReadAsync(symbol, CancellationToken.None).ToListAsync();
            Assert.Equal(expected.Select(c => c.OpenTime), stored.Select(c => c.OpenTimeMs));
            Assert.Equal(expected.Select(c => decimal.Parse(c.Close, System.Globalization.CultureInfo.InvariantCulture)), stored.Select(c => c.Close));
            Assert.True((await harness.Store.LoadAsync(symbol, CancellationToken.None)).Covered.Covers(range));
        }
        Assert.Empty(Directory.EnumerateFiles(harness.StagingDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_output_is_the_cli_summary_with_totals_and_custom_status_shows_progress()
    {
        await using var harness = await SyncHarness.StartAsync();

        var summary = await harness.RunAsync(HalfDay with { Symbols = ["BTCUSDT", "NOSUCHUSDT"] }, "run2");

        Assert.NotNull(summary);
        Assert.Equal(["BTCUSDT", "NOSUCHUSDT"], summary.Symbols.Select(s => s.Symbol));
        Assert.Equal(["synced", "unknown"], summary.Symbols.Select(s => s.Status));
        Assert.Equal(720, summary.Totals.CandlesAdded);
        Assert.Equal(1, summary.Totals.Failed);
        // exchangeInfo and two clock samples, then BTCUSDT's head (499 minutes) and tail (221): no probe weight on
        // top, as in the CLI.
        Assert.Equal(1 + 2 + 2 + 2, summary.WeightUsed);
        Assert.Equal(1 + 2 + 2, summary.Requests);
        var status = System.Text.Json.JsonDocument.Parse((string)harness.Runtime.CustomStatus["run2"]!).RootElement;
        Assert.Equal("done", status.GetProperty("Phase").GetString());
        Assert.Equal(2, status.GetProperty("SymbolsDone").GetInt32());
        Assert.Equal(720, status.GetProperty("CandlesAdded").GetInt64());
    }

    [Fact]
    public async Task One_symbol_whose_chunks_keep_failing_fails_alone_after_its_retry_policy()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.FailingSymbols.Add("ETHUSDT");

        var summary = await harness.RunAsync(HalfDay);

        Assert.NotNull(summary);
        Assert.Equal(["synced", "failed", "synced"], summary.Symbols.Select(s => s.Status));
        var retries = harness.Runtime.Calls.Count(c => c.Kind == "retry" && c.Caller == "run1:ETHUSDT");
        Assert.Equal(new OrchestrationLimits().MaxActivityAttempts - 1, retries);
        // Its head and tail pages came through; the chunks between them stay missing for the next run.
        var stored = await harness.Store.LoadAsync("ETHUSDT", CancellationToken.None);
        Assert.False(stored.Covered.Covers(new UtcRange(HalfDay.Start, HalfDay.End!.Value)));
    }

    [Fact]
    public async Task At_most_MaxConcurrentSymbols_children_run_and_the_next_starts_when_one_ends()
    {
        await using var harness = await SyncHarness.StartAsync(new OrchestrationLimits(MaxConcurrentSymbols: 2));

        var summary = await harness.RunAsync(HalfDay);

        // The third child is scheduled only after one of the first two has returned its merge, not before.
        var calls = harness.Runtime.Calls.ToList();
        var thirdChild = calls.FindIndex(c => c.Kind == "suborchestration" && c.TargetId == "run1:SOLUSDT");
        var firstMerge = calls.FindIndex(c => c.Name == MergeSymbolActivity.Name);
        Assert.Equal(2, calls.Take(thirdChild).Count(c => c.Kind == "suborchestration"));
        Assert.InRange(firstMerge, 0, thirdChild);
        Assert.Equal(3, summary!.Totals.Synced);
    }
}
