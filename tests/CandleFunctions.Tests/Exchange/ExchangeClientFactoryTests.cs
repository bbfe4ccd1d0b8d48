using BinanceSimulator.Hosting;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Exchange;

namespace CandleFunctions.Tests.Exchange;

public sealed class ExchangeClientFactoryTests
{
    private static readonly long November3 = new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public async Task A403WithoutAnExchangeCode_InOneActivitysSession_HoldsTheRequestsOfEveryOtherSessionForThePause()
    {
        var pause = TimeSpan.FromMilliseconds(800);
        var refusing = new RefusingHandler(refusals: 1);
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions());
        var factory = new ExchangeClientFactory(refusing, simulator.BaseUrl, TimeProvider.System, new FirewallGate(pause, TimeProvider.System));
        using var refused = factory.Open(null, TimeSpan.Zero);
        using var other = factory.Open(null, TimeSpan.Zero);

        var first = refused.Client.GetKlinesAsync("ETHUSDT", November3, null, 50, CancellationToken.None);
        // The other activity starts once the refused client has read the refusal, as a concurrent activity would.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (refused.Client.FirewallRefusals == 0 && !first.IsCompleted && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(5);
        var second = await other.Client.GetKlinesAsync("ETHUSDT", November3 + 3_600_000, null, 50, CancellationToken.None);

        Assert.Equal(50, (await first).Count);
        Assert.Equal(50, second.Count);
        var log = refusing.Log;
        var refusal = Assert.Single(log, e => e.Status == 403);
        // Nothing left between the refusal's answer and the end of the pause (a little slack for the clock's grain).
        Assert.DoesNotContain(log, e => e.Sent > refusal.Answered && e.Sent < refusal.Answered + pause - TimeSpan.FromMilliseconds(50));
        Assert.Equal(2, log.Count(e => e.Status == 200));
    }
}
