using BinanceSimulator.Hosting;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.RateLimiting;
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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A429InOneActivitysSession_HoldsTheOtherSessionsRequestsUntilItsPauseEnds_WhenTheGateHoldsOnRateLimits(bool holds)
    {
        var refusing = new RefusingHandler(refusals: 1, () => RefusingHandler.TooManyRequests(TimeSpan.FromSeconds(1)));
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions());
        var gate = new FirewallGate(TimeSpan.FromSeconds(5), TimeProvider.System) { HoldsOnRateLimits = holds };
        var factory = new ExchangeClientFactory(refusing, simulator.BaseUrl, TimeProvider.System, gate);
        var rule = new RateLimitRule(2400, TimeSpan.FromSeconds(2));
        using var refused = factory.Open(rule, TimeSpan.Zero);
        using var other = factory.Open(rule, TimeSpan.Zero);

        // The app gives up on a 429 at once (the entity decides when to resume); the other activity's grant is already out.
        await Assert.ThrowsAsync<BinanceApiException>(() => refused.Client.GetKlinesAsync("ETHUSDT", November3, null, 50, CancellationToken.None));
        var pausedUntil = refused.Governor.PausedUntil ?? throw new InvalidOperationException("the 429 paused nothing");
        var second = await other.Client.GetKlinesAsync("ETHUSDT", November3 + 3_600_000, null, 50, CancellationToken.None);

        Assert.Equal(50, second.Count);
        var sent = Assert.Single(refusing.Log, e => e.Status == 200).Sent;
        if (holds)
            Assert.True(sent >= pausedUntil - TimeSpan.FromMilliseconds(50), $"sent {sent:O}, the 429's pause ends {pausedUntil:O}");
        else
            Assert.True(sent < pausedUntil, "without the hold the other session does not know of the 429");
    }

    [Fact]
    public async Task A418InOneActivitysSession_StopsTheOtherSessionsRequestsBeforeTheyAreSent_WithTheSameBan()
    {
        var bannedUntil = DateTimeOffset.UtcNow.AddMinutes(2);
        var refusing = new RefusingHandler(refusals: 1, () => RefusingHandler.Banned(bannedUntil));
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions());
        var factory = new ExchangeClientFactory(refusing, simulator.BaseUrl, TimeProvider.System);
        var rule = new RateLimitRule(2400, TimeSpan.FromSeconds(2));
        using var banned = factory.Open(rule, TimeSpan.Zero);
        using var other = factory.Open(rule, TimeSpan.Zero);

        var first = await Assert.ThrowsAsync<IpBannedException>(() => banned.Client.GetKlinesAsync("ETHUSDT", November3, null, 50, CancellationToken.None));
        var second = await Assert.ThrowsAsync<IpBannedException>(() => other.Client.GetKlinesAsync("ETHUSDT", November3 + 3_600_000, null, 50, CancellationToken.None));

        Assert.Single(refusing.Log);
        Assert.Equal(first.Until, second.Until);
        Assert.Equal(first.Until, other.Governor.BannedUntil);
    }
}
