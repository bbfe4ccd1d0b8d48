using System.Globalization;
using CandleFunctions.Core.Candles;
using CandleFunctions.Engine.Tests.Support;
using CandleFunctions.TopUp;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CandleFunctions.Engine.Tests.Scenarios;

[Collection(EngineCollection.Name)]
public sealed class TopUpScenarioTests(StorageEmulator storage)
{
    [Fact]
    public async Task The_daily_top_up_started_twice_on_one_day_runs_once()
    {
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        await using var rig = await EngineRig.StartAsync(storage, settings: new Dictionary<string, string?>
        {
            ["CandleFunctions:TopUpStart"] = start.ToString("O", CultureInfo.InvariantCulture),
        });
        rig.WriteSymbols("BTCUSDT");
        var topUp = ActivatorUtilities.CreateInstance<DailyTopUp>(rig.Engine.Worker.Services);

        var first = await topUp.StartAsync(rig.Client, CancellationToken.None);
        var second = await topUp.StartAsync(rig.Client, CancellationToken.None);
        var state = await rig.WaitAsync(first!);
        var third = await topUp.StartAsync(rig.Client, CancellationToken.None);

        Assert.Equal(DailyTopUp.InstanceIdFor(DateTimeOffset.UtcNow), first);
        Assert.Null(second);
        Assert.Null(third);
        var instances = new List<string>();
        await foreach (var instance in rig.Client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = false }))
            instances.Add(instance.InstanceId);
        // One run of the day (its symbol's child has the id "{run}:{SYMBOL}").
        Assert.Equal([first], instances.Where(i => !i.Contains(':', StringComparison.Ordinal)));
        var summary = rig.Summary(state);
        Assert.Equal("synced", summary.Symbols.Single().Status);
        await rig.AssertExactAsync("BTCUSDT", new UtcRange(summary.Range!.Start, summary.Range.End));
    }
}
