using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using BinanceSimulator.Rest;
using CandleFunctions.Core.RateLimiting;
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
    public static async Task<int> RunAsync(int symbols, int days, int limit, int windowSeconds, bool archive, IReadOnlyDictionary<string, string?> settings)
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
                new Dictionary<string, string?>(settings) { ["CandleFunctions:UseArchive"] = archive ? "true" : "false" });
            var names = rig.Simulator.Market.Symbols
                .Where(s => s.InExchangeInfo && s.ContractType == "PERPETUAL" && s.MarginAsset == "USDT" && s.DelistedAt is null && s.FirstCandle <= start)
                .Select(s => s.Symbol).Take(symbols).ToList();
            Console.WriteLine($"durable benchmark ({(archive ? "archive backfill" : "REST only")}): {names.Count} symbols x {days} days "
                              + $"({start:yyyy-MM-dd} .. {end:yyyy-MM-dd}), limit {limit} weight per {windowSeconds} s, simulator latency 2-15 ms");

            var startedAt = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var id = await rig.Client.ScheduleNewOrchestrationInstanceAsync(SyncOrchestrator.Name, new SyncInput(names, null, start, end));
            using var stopWatching = new CancellationTokenSource();
            var watch = WatchEntityAsync(rig.Client, startedAt, stopWatching.Token);
            var state = await rig.WaitAsync(id, TimeSpan.FromMinutes(30));
            await stopWatching.CancelAsync();
            var samples = await watch;
            clock.Stop();
            var summary = rig.Summary(state);

            var windows = WithEmptyWindows(rig.Simulator.Counters.WeightByWindow, TimeSpan.FromSeconds(windowSeconds));
            var steady = windows.Count > 2 ? windows.Skip(1).SkipLast(1).ToList() : windows;
            var steadyUse = steady.Count == 0 ? 0 : steady.Average() / limit;
            var overall = windows.Count == 0 ? 0 : (double)windows.Sum() / (windows.Count * (double)limit);
            var history = await HistoryAsync(storage, rig.Engine.TaskHub, id, names);

            Console.WriteLine($"  status                         {state.RuntimeStatus}, {summary.Totals.Synced} synced, {summary.Totals.Failed} failed");
            Console.WriteLine($"  candles stored                 {summary.Totals.CandlesAdded:N0} ({summary.Symbols.Sum(s => s.ArchiveFiles)} archive files)");
            Console.WriteLine($"  weight used                    {summary.WeightUsed:N0} in {summary.Requests:N0} requests");
            Console.WriteLine($"  weight used / available        {steadyUse:P1} in steady state ({steady.Count} full windows), {overall:P1} over all {windows.Count} windows touched");
            Console.WriteLine($"  weight per window              {string.Join(' ', windows)}");
            Console.WriteLine($"  weight per second, first 20 s  {string.Join(' ', FirstSeconds(rig.Requests.Sent, startedAt, 20))}");
            Console.WriteLine($"  first request / first 100 w    {FirstAt(rig.Requests.Sent, startedAt, 1):F1} s / {FirstAt(rig.Requests.Sent, startedAt, 100):F1} s after the start");
            Console.WriteLine($"  largest window                 {rig.Simulator.Counters.MaxWindowWeight} of {limit}");
            Console.WriteLine($"  429s / 418s                    {rig.Simulator.Counters.TooManyRequests} / {rig.Simulator.Counters.Banned}");
            // A page sent again: its first request was cut at a grant's deadline, or its activity was retried.
            var again = rig.Requests.Pages.GroupBy(p => p.Key).Sum(g => g.Count() - 1);
            Console.WriteLine($"  pages sent more than once      {again} of {rig.Requests.Pages.Count}");
            Console.WriteLine($"  wall time                      {clock.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"  history events per symbol      {history.EventsPerSymbol:F0} (of which entity messages sent {history.EntityMessagesPerSymbol:F0})");
            Console.WriteLine($"  history events, run            {history.RunEvents}");
            Console.WriteLine($"  entity, first 25 s (t: foreign-seen? open grants/weight)");
            Console.WriteLine("    " + string.Join(' ', samples));
            var starts = await MilestonesAsync(storage, rig.Engine.TaskHub, id, names, startedAt);
            Console.WriteLine($"  symbols' start (s after start) child started / edges scheduled / first chunk scheduled, first 8 symbols:");
            foreach (var (symbol, started, edges, chunk) in starts.Take(8))
                Console.WriteLine($"    {symbol,-14} {started,5:F1} / {edges,5:F1} / {chunk,5:F1}");
            Console.WriteLine($"  peak memory (this process)     {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB");
            return state.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 0 : 1;
        }
        finally
        {
            await storage.DisposeAsync();
        }
    }

    /// <summary>Weight per window from the first to the last window touched, empty windows in between counted as 0.</summary>
    private static List<int> WithEmptyWindows(IReadOnlyDictionary<DateTimeOffset, int> byWindow, TimeSpan window)
    {
        if (byWindow.Count == 0)
            return [];
        var first = byWindow.Keys.Min();
        var last = byWindow.Keys.Max();
        var all = new List<int>();
        for (var at = first; at <= last; at += window)
            all.Add(byWindow.GetValueOrDefault(at));
        return all;
    }

    /// <summary>Weight the app sent in each second after the start (what the start-up costs).</summary>
    private static IEnumerable<int> FirstSeconds(IReadOnlyList<SentRequest> sent, DateTimeOffset start, int seconds)
    {
        var buckets = new int[seconds];
        foreach (var request in sent)
        {
            var second = (int)Math.Floor((request.SentAt - start).TotalSeconds);
            if (second >= 0 && second < seconds)
                buckets[second] += Weight(request);
        }
        return buckets;
    }

    /// <summary>Seconds after the start at which the app's sent weight reached <paramref name="weight"/>.</summary>
    private static double FirstAt(IReadOnlyList<SentRequest> sent, DateTimeOffset start, int weight)
    {
        var total = 0;
        foreach (var request in sent)
        {
            total += Weight(request);
            if (total >= weight)
                return (request.SentAt - start).TotalSeconds;
        }
        return double.NaN;
    }

    private static int Weight(SentRequest request) =>
        request.Path.EndsWith("/klines", StringComparison.Ordinal) ? KlineWeights.ForLimit(Math.Max(1, request.Limit == 0 ? KlineWeights.DefaultLimit : request.Limit)) : KlineWeights.SimpleEndpointWeight;

    /// <summary>Samples the weight entity's state twice a second for the first 25 s: whether it sees another program, and its open grants.</summary>
    private static async Task<List<string>> WatchEntityAsync(DurableTaskClient client, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var samples = new List<string>();
        try
        {
            while (DateTimeOffset.UtcNow - start < TimeSpan.FromSeconds(25))
            {
                var entity = await client.Entities.GetEntityAsync<CandleFunctions.Weight.WeightBudgetEntityState>(
                    CandleFunctions.Weight.WeightBudgetEntity.Id, cancellation: cancellationToken);
                if (entity?.State is { } state)
                {
                    var shared = state.Budget.Windows.Any(w => w.Foreign > 0) || (state.Budget.Neighbour?.Total ?? 0) > 0;
                    var open = state.Grants.Where(g => g.Open).ToList();
                    samples.Add($"{(DateTimeOffset.UtcNow - start).TotalSeconds:F1}:{(shared ? "F" : "-")}{open.Count}/{open.Sum(g => g.Weight)}");
                }
                await Task.Delay(500, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        return samples;
    }

    /// <summary>When each symbol's child started, scheduled its first edge activity and its first chunk activity.</summary>
    private static async Task<List<(string Symbol, double Started, double Edges, double Chunk)>> MilestonesAsync(
        StorageEmulator storage, string hub, string runId, IReadOnlyList<string> symbols, DateTimeOffset start)
    {
        var table = new TableClient(storage.ConnectionString, hub + "History");
        var all = new List<(string, double, double, double)>();
        foreach (var symbol in symbols)
        {
            double started = double.NaN, edges = double.NaN, chunk = double.NaN;
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == SymbolOrchestrator.ChildId(runId, symbol)))
            {
                if (row.GetDateTimeOffset("_Timestamp") is not { } at)
                    continue;
                var seconds = (at - start).TotalSeconds;
                switch (row.GetString("EventType"), row.GetString("Name"))
                {
                    case ("ExecutionStarted", _):
                        started = Min(started, seconds);
                        break;
                    case ("TaskScheduled", "FetchEdges"):
                        edges = Min(edges, seconds);
                        break;
                    case ("TaskScheduled", "FetchChunk"):
                        chunk = Min(chunk, seconds);
                        break;
                }
            }
            all.Add((symbol, started, edges, chunk));
        }
        return all;

        static double Min(double a, double b) => double.IsNaN(a) || b < a ? b : a;
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
