using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using BinanceSimulator.Rest;
using CandleFunctions.Engine.Tests.Support;
using CandleFunctions.Orchestration;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CandleFunctions.Bench.Durable;

/// <summary>
/// The same job as <c>bench sync</c> (the CLI), through the app on the real Durable Task engine (WebJobs extension in
/// isolated mode, Azurite): wall time, weight per window as a share of the budget, entity operations and orchestration
/// history events per symbol, and this process's peak memory (engine, worker and simulator together).
/// </summary>
public static class DurableBenchmark
{
    public static async Task<int> RunAsync(int symbols, int days, int limit, int windowSeconds, bool archive)
    {
        var end = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1);
        var start = end.AddDays(-days);
        var storage = new StorageEmulator();
        await storage.InitializeAsync();
        try
        {
            await using var rig = await EngineRig.StartAsync(
                storage,
                o =>
                {
                    o.Rest.WeightLimit = limit;
                    o.Rest.Interval = "SECOND";
                    o.Rest.IntervalNum = windowSeconds;
                    o.Rest.LatencyMin = TimeSpan.FromMilliseconds(2);
                    o.Rest.LatencyMax = TimeSpan.FromMilliseconds(15);
                },
                new Dictionary<string, string?> { ["CandleFunctions:UseArchive"] = archive ? "true" : "false" });
            var names = rig.Simulator.Market.Symbols
                .Where(s => s.InExchangeInfo && s.ContractType == "PERPETUAL" && s.MarginAsset == "USDT" && s.DelistedAt is null && s.FirstCandle <= start)
                .Select(s => s.Symbol).Take(symbols).ToList();
            Console.WriteLine($"durable benchmark ({(archive ? "archive backfill" : "REST only")}): {names.Count} symbols x {days} days "
                              + $"({start:yyyy-MM-dd} .. {end:yyyy-MM-dd}), limit {limit} weight per {windowSeconds} s, simulator latency 2-15 ms");

            var clock = Stopwatch.StartNew();
            var id = await rig.Client.ScheduleNewOrchestrationInstanceAsync(SyncOrchestrator.Name, new SyncInput(names, null, start, end));
            var state = await rig.WaitAsync(id, TimeSpan.FromMinutes(30));
            clock.Stop();
            var summary = rig.Summary(state);

            var windows = rig.Simulator.Counters.WeightByWindow.OrderBy(w => w.Key).Select(w => w.Value).ToList();
            var steady = windows.Count > 2 ? windows.Skip(1).SkipLast(1).ToList() : windows;
            var steadyUse = steady.Count == 0 ? 0 : steady.Average() / limit;
            var overall = windows.Count == 0 ? 0 : (double)windows.Sum() / (windows.Count * (double)limit);
            var history = await HistoryAsync(storage, rig.Engine.TaskHub, id, names);

            Console.WriteLine($"  status                         {state.RuntimeStatus}, {summary.Totals.Synced} synced, {summary.Totals.Failed} failed");
            Console.WriteLine($"  candles stored                 {summary.Totals.CandlesAdded:N0} ({summary.Symbols.Sum(s => s.ArchiveFiles)} archive files)");
            Console.WriteLine($"  weight used                    {summary.WeightUsed:N0} in {summary.Requests:N0} requests");
            Console.WriteLine($"  weight used / available        {steadyUse:P1} in steady state ({steady.Count} full windows), {overall:P1} over all {windows.Count} windows touched");
            Console.WriteLine($"  weight per window              {string.Join(' ', windows)}");
            Console.WriteLine($"  largest window                 {rig.Simulator.Counters.MaxWindowWeight} of {limit}");
            Console.WriteLine($"  429s / 418s                    {rig.Simulator.Counters.TooManyRequests} / {rig.Simulator.Counters.Banned}");
            Console.WriteLine($"  wall time                      {clock.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"  history events per symbol      {history.EventsPerSymbol:F0} (of which entity messages sent {history.EntityMessagesPerSymbol:F0})");
            Console.WriteLine($"  history events, run            {history.RunEvents}");
            Console.WriteLine($"  peak memory (this process)     {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB");
            return state.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 0 : 1;
        }
        finally
        {
            await storage.DisposeAsync();
        }
    }

    /// <summary>Counts history rows of the run and of its symbol children in the task hub's History table.</summary>
    private static async Task<(double EventsPerSymbol, double EntityMessagesPerSymbol, int RunEvents)> HistoryAsync(
        StorageEmulator storage, string hub, string runId, IReadOnlyList<string> symbols)
    {
        var table = new TableClient(storage.ConnectionString, hub + "History");
        long events = 0;
        long entity = 0;
        foreach (var symbol in symbols)
        {
            var child = SymbolOrchestrator.ChildId(runId, symbol);
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == child, select: ["EventType"]))
            {
                events++;
                if (row.GetString("EventType") == "EventSent")
                    entity++;
            }
        }
        var run = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == runId, select: ["EventType"]))
            run++;
        return ((double)events / symbols.Count, (double)entity / symbols.Count, run);
    }
}
