using CandleFunctions.Binance.Rest;
using Microsoft.Extensions.Time.Testing;

namespace CandleFunctions.Binance.Tests.Rest;

public sealed class FirewallGateTests
{
    [Fact]
    public void Refused_HoldsForTheFirstPauseThenDoublesUpToFiveMinutes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var gate = new FirewallGate(TimeSpan.FromSeconds(5), time);
        var holds = new List<TimeSpan>();

        for (var i = 0; i < 8; i++)
        {
            gate.Refused(null);
            holds.Add(gate.Remaining);
            time.Advance(gate.Remaining);
        }

        Assert.Equal([5, 10, 20, 40, 80, 160, 300, 300], holds.Select(h => h.TotalSeconds));
        Assert.Equal(8, gate.Refusals);
    }

    [Fact]
    public void Refused_ALongerRetryAfterWins_AndAnAnswerStartsTheCountAgain()
    {
        var time = new FakeTimeProvider();
        var gate = new FirewallGate(TimeSpan.FromSeconds(5), time);

        gate.Refused(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), gate.Remaining);
        time.Advance(TimeSpan.FromSeconds(30));
        gate.Answered();
        gate.Refused(null);

        Assert.Equal(TimeSpan.FromSeconds(5), gate.Remaining);
        Assert.Equal(1, gate.Refusals);
    }

    [Fact]
    public async Task WaitAsync_ReturnsOnlyOnceTheHoldHasPassed()
    {
        var time = new FakeTimeProvider();
        var gate = new FirewallGate(TimeSpan.FromSeconds(5), time);
        gate.Refused(null);

        var wait = gate.WaitAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(20);
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
