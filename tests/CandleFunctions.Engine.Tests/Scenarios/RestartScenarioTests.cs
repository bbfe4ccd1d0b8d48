using System.Globalization;
using CandleFunctions.Engine.Tests.Support;
using CandleFunctions.Orchestration;

namespace CandleFunctions.Engine.Tests.Scenarios;

/// <summary>Real replay: the host stops in the middle of a run and a new one on the same task hub finishes it.</summary>
[Collection(EngineCollection.Name)]
public sealed class RestartScenarioTests(StorageEmulator storage)
{
    [Fact]
    public async Task A_run_survives_a_host_restart_with_exact_data_and_refetches_only_pages_in_flight_at_the_stop()
    {
        // A tight budget (5-second windows of 40) stretches the run over several windows, so the stop lands mid-run.
        await using var rig = await EngineRig.StartAsync(storage, o =>
        {
            o.Rest.Interval = "SECOND";
            o.Rest.IntervalNum = 5;
            o.Rest.WeightLimit = 40;
        });
        string[] symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];
        var range = new Core.Candles.UtcRange(Days.Today.AddDays(-6), Days.Today.AddDays(-2));
        var id = await rig.Client.ScheduleNewOrchestrationInstanceAsync(SyncOrchestrator.Name, new SyncInput(symbols, null, range.Start, range.End));

        using (var wait = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            // Past the edge pages, with chunk pages already staged (not yet merged) when the host stops.
            while (rig.Requests.Pages.Count(p => p.Status == 200) < 8 || StagedPages(rig).Count == 0)
                await Task.Delay(20, wait.Token);
        }
        await rig.StopAsync();
        var stoppedAt = DateTimeOffset.UtcNow;
        var stagedAtStop = StagedPages(rig);
        var sentBeforeStop = rig.Requests.Pages.Where(p => p.SentAt < stoppedAt).ToList();
        Assert.NotEmpty(stagedAtStop);
        await rig.StartAgainAsync();
        var state = await rig.WaitAsync(id);

        var summary = rig.Summary(state);
        Assert.Equal(3, summary.Totals.Synced);
        foreach (var symbol in symbols)
            await rig.AssertExactAsync(symbol, range);
        Assert.Empty(rig.Staged());
        var fetchedAgain = rig.Requests.Pages.Where(p => p.Status == 200 && p.SentAt > stoppedAt)
            .Select(p => p.Key)
            .Intersect(sentBeforeStop.Where(p => p.Status == 200).Select(p => p.Key))
            .ToList();
        // A page whose staging file was written before the stop is never requested again.
        Assert.DoesNotContain(fetchedAgain, k => k.Item2 is { } startMs && stagedAtStop.Contains((k.Item1!, startMs)));
        // Pages fetched twice are at most those in flight at the stop: grants are valid only in their window, so that is
        // the current window's budget and the last requests of the one before (2 × 39 weight of weight-2 pages).
        Assert.InRange(fetchedAgain.Count, 0, 39);
    }

    private static HashSet<(string Symbol, long StartMs)> StagedPages(EngineRig rig) =>
        rig.Staged()
            .Select(f => (Symbol: Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f)))!, Name: Path.GetFileNameWithoutExtension(f)))
            .Where(f => long.TryParse(f.Name, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(f => (f.Symbol, long.Parse(f.Name, CultureInfo.InvariantCulture)))
            .ToHashSet();
}
