using CandleFunctions.Binance.RateLimiting;
using CandleFunctions.Core.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace CandleFunctions.Binance.Tests.RateLimiting;

public sealed class WeightGovernorSendTests
{
    [Fact]
    public async Task A_grant_that_reaches_the_network_after_the_clock_entered_a_window_it_was_not_charged_to_is_given_back()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 59, 500, TimeSpan.Zero));
        var governor = new WeightGovernor(new WeightBudgetOptions(), time);
        governor.Configure(new RateLimitRule(100, TimeSpan.FromMinutes(1)), TimeSpan.Zero);
        var ticket = await governor.AcquireAsync(10, CancellationToken.None);

        // The sender was held up 400 ms (a loaded machine): the server may now count it in the next minute.
        time.Advance(TimeSpan.FromMilliseconds(400));

        Assert.False(governor.ConfirmSend(ticket, 10));
        Assert.Equal(0, governor.WeightReserved);
        var again = await governor.AcquireAsync(10, CancellationToken.None);
        Assert.True(governor.ConfirmSend(again, 10));
    }
}
