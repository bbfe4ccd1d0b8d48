using CandleFunctions.Binance.RateLimiting;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace CandleFunctions.Binance.Tests.RateLimiting;

public sealed class WeightGovernorBanTests
{
    [Fact]
    public async Task A_request_waiting_for_weight_fails_with_the_ban_as_soon_as_one_is_reported()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 10, TimeSpan.Zero));
        var governor = new WeightGovernor(new WeightBudgetOptions(), time);
        governor.Configure(new RateLimitRule(10, TimeSpan.FromMinutes(1)), TimeSpan.Zero);
        // Weight-1 requests, each answered with the header a server alone with us would send, until one has to wait for
        // the next window: at most the 9 of 10 the 2% margin leaves, fewer while a new process takes only half.
        Task<long> waiting;
        var used = 0;
        while ((waiting = governor.AcquireAsync(1, CancellationToken.None)).IsCompleted)
        {
            Assert.True(++used <= 9, "the window never filled");
            governor.Land(await waiting, [new UsedWeightHeader(TimeSpan.FromMinutes(1), used)]);
        }
        Assert.False(waiting.IsCompleted, $"{waiting.Status} {waiting.Exception}");

        var until = time.GetUtcNow().AddHours(1);
        governor.OnBanned(until);

        // No time passes: the waiter is woken by the ban, not by the window turning.
        var ban = await Assert.ThrowsAsync<IpBannedException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(until, ban.Until);
    }

    [Fact]
    public async Task During_a_ban_a_new_request_fails_at_once_and_after_it_weight_is_granted_again()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 10, TimeSpan.Zero));
        var governor = new WeightGovernor(new WeightBudgetOptions(), time);
        governor.Configure(new RateLimitRule(10, TimeSpan.FromMinutes(1)), TimeSpan.Zero);
        governor.OnBanned(time.GetUtcNow().AddMinutes(5));

        await Assert.ThrowsAsync<IpBannedException>(() => governor.AcquireAsync(1, CancellationToken.None));

        time.Advance(TimeSpan.FromMinutes(6));
        await governor.AcquireAsync(1, CancellationToken.None);
        Assert.Equal(1, governor.Requests);
    }
}
