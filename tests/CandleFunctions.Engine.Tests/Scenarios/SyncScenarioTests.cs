using System.Text.Json;
using CandleFunctions.Activities;
using CandleFunctions.Engine.Tests.Support;
using CandleFunctions.Orchestration;
using Microsoft.DurableTask.Client;

namespace CandleFunctions.Engine.Tests.Scenarios;

[Collection(EngineCollection.Name)]
public sealed class SyncScenarioTests(StorageEmulator storage)
{
    private static readonly string[] Three = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];

    [Fact]
    public async Task Several_symbols_store_exactly_the_exchanges_closed_candles_and_leave_no_staging()
    {
        await using var rig = await EngineRig.StartAsync(storage);
        var range = Days.Range(2, 0, 8);

        var summary = rig.Summary(await rig.RunAsync(new SyncInput(Three, null, range.Start, range.End)));

        Assert.Equal(3, summary.Totals.Synced);
        Assert.Equal(3 * 480, summary.Totals.CandlesAdded);
        foreach (var symbol in Three)
            await rig.AssertExactAsync(symbol, range);
        Assert.Empty(rig.Staged());
    }

    [Fact]
    public async Task Custom_status_is_readable_by_the_client_while_the_run_is_going()
    {
        await using var rig = await EngineRig.StartAsync(storage);
        var range = Days.Range(3, 0, 12);
        var id = await rig.Client.ScheduleNewOrchestrationInstanceAsync(SyncOrchestrator.Name, new SyncInput(["BTCUSDT", "ETHUSDT"], null, range.Start, range.End));

        var seen = new List<SyncProgress>();
        OrchestrationMetadata? state;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        do
        {
            await Task.Delay(50, timeout.Token);
            state = await rig.Client.GetInstanceAsync(id, getInputsAndOutputs: true, timeout.Token);
            if (state is { RuntimeStatus: OrchestrationRuntimeStatus.Running, SerializedCustomStatus: not null })
                seen.Add(state.ReadCustomStatusAs<SyncProgress>()!);
        }
        while (state is null or { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Pending });

        Assert.Contains(seen, s => s.Phase is "planning" or "syncing");
        Assert.All(seen, s => Assert.InRange(s.SymbolsDone, 0, 2));
        var final = state.ReadCustomStatusAs<SyncProgress>()!;
        Assert.Equal(new SyncProgress("done", 2, 2, 0, 2 * 720), final);
    }

    [Fact]
    public async Task One_symbol_failing_after_its_retries_fails_alone_while_the_others_finish()
    {
        await using var rig = await EngineRig.StartAsync(storage, settings: new Dictionary<string, string?> { ["CandleFunctions:MaxActivityAttempts"] = "2" });
        var attempts = 0;
        rig.Engine.Worker.BeforeActivity = (name, input) =>
        {
            if (name == FetchEdgesActivity.Name && input is EdgeWork { Symbol: "ETHUSDT" })
            {
                Interlocked.Increment(ref attempts);
                throw new HttpRequestException("simulated connection reset");
            }
            return Task.CompletedTask;
        };
        var range = Days.Range(2, 0, 6);

        var summary = rig.Summary(await rig.RunAsync(new SyncInput(Three, null, range.Start, range.End)));

        Assert.Equal(["synced", "failed", "synced"], summary.Symbols.Select(s => s.Status));
        // 360 minutes are one head page; two attempts under the retry policy, then the symbol is given up.
        Assert.Equal(2, attempts);
        // The engine reports the host's wrapper message ("Exception while executing function: FetchChunk"), not the inner one.
        Assert.Contains($"Task '{FetchEdgesActivity.Name}'", summary.Symbols[1].Errors.Single(), StringComparison.Ordinal);
        Assert.Equal("could not reach the exchange for this symbol after retries; the next run continues", summary.Symbols[1].Reason);
        await rig.AssertExactAsync("BTCUSDT", range);
        await rig.AssertExactAsync("SOLUSDT", range);
        Assert.Empty(await rig.StoredAsync("ETHUSDT"));
    }

    [Fact]
    public async Task Forced_503s_are_retried_and_the_data_is_exact()
    {
        await using var rig = await EngineRig.StartAsync(storage);
        rig.Simulator.Rest.ForceNext(BinanceSimulator.Rest.Faults.RestFault.ServiceUnavailable, 3, BinanceSimulator.Rest.RestEndpoint.Klines);
        var range = Days.Range(2, 0, 6);

        var summary = rig.Summary(await rig.RunAsync(new SyncInput(["BTCUSDT"], null, range.Start, range.End)));

        Assert.Equal("synced", summary.Symbols.Single().Status);
        Assert.Equal(3, rig.Requests.Sent.Count(r => r.Status == 503));
        await rig.AssertExactAsync("BTCUSDT", range);
    }

    [Fact]
    public async Task The_orchestration_output_equals_candles_sync_json_for_the_same_range()
    {
        await using var rig = await EngineRig.StartAsync(storage);
        var range = Days.Range(2, 0, 12);
        string[] symbols = ["BTCUSDT", "ETHUSDT", "NOSUCHUSDT"];

        var state = await rig.RunAsync(new SyncInput(symbols, null, range.Start, range.End));
        var cli = await CliRun.SyncJsonAsync(rig.Simulator.BaseUrl, Path.Combine(rig.Root, "cli"), symbols, range);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        var app = JsonDocument.Parse(state.SerializedOutput!).RootElement;
        Assert.Equal(CliRun.Comparable(cli), CliRun.Comparable(app));
    }
}
