using CandleFunctions.Core.Candles;
using CandleFunctions.Engine.Tests.Support;
using CandleFunctions.Orchestration;

namespace CandleFunctions.Engine.Tests.Scenarios;

[Collection(EngineCollection.Name)]
public sealed class SmokeTests(StorageEmulator storage)
{
    [Fact]
    public async Task Two_symbols_sync_on_the_real_engine()
    {
        await using var rig = await EngineRig.StartAsync(storage);
        var end = DateTimeOffset.UtcNow.Date.AddDays(-2);
        var input = new SyncInput(["BTCUSDT", "ETHUSDT"], null, new DateTimeOffset(end.AddHours(-6), TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero));
        var state = await rig.RunAsync(input);
        var summary = rig.Summary(state);
        Assert.Equal(2, summary.Totals.Synced);
    }
}
