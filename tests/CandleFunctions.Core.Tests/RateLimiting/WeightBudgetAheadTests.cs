using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Core.Tests.RateLimiting;

/// <summary>Reservations in the next window (limit 100 per minute: usable 98, u = 250 ms), as the durable entity makes them while alone.</summary>
public class WeightBudgetAheadTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan U = TimeSpan.FromMilliseconds(250);
    private static readonly RateLimitRule Rule = new(100, TimeSpan.FromMinutes(1));

    private static WeightBudget Bulk()
    {
        var budget = new WeightBudget(new WeightBudgetOptions { CapInFlightAtHalfTheRoom = false });
        budget.Configure(Rule, TimeSpan.Zero);
        return budget;
    }

    private static DateTimeOffset At(double seconds) => T0.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    [Fact]
    public void NextWindow_IsTheNextServerWindowWithTheUncertaintyInside()
    {
        Assert.Equal((At(60) + U, At(120) - U), Bulk().NextWindow(At(58.5)));
    }

    [Fact]
    public void TryReserveNext_ChargesTheNextWindowAloneAndNeverMoreThanItsBudget()
    {
        var budget = Bulk();
        Assert.True(budget.TryReserve(98, At(10)).Granted);

        var granted = 0;
        while (budget.TryReserveNext(2, At(58)) is { Granted: true })
            granted += 2;

        Assert.Equal(98, granted);
        Assert.Equal([98, 98], budget.State.Windows.Select(w => w.Reserved));
        Assert.Equal(new WeightDecision(false, At(60) + U), budget.TryReserveNext(2, At(58)));
        // Once that window is the current one, what was reserved ahead counts in it.
        Assert.False(budget.TryReserve(2, At(61)).Granted);
    }

    [Fact]
    public void TryReserveNext_IsRefusedWhileAnotherProgramShowsOnTheIp()
    {
        var budget = Bulk();
        var probe = budget.TryReserve(2, At(10));
        budget.Land(probe.Ticket, At(10), [new UsedWeightHeader(Rule.Window, 40)]);

        Assert.Equal(new WeightDecision(false, At(60) + U), budget.TryReserveNext(2, At(58)));
    }

    [Fact]
    public void TryReserveNext_IsRefusedToHostsThatAskOneRequestAtATime()
    {
        var budget = new WeightBudget(new WeightBudgetOptions());
        budget.Configure(Rule, TimeSpan.Zero);

        Assert.False(budget.TryReserveNext(2, At(58)).Granted);
    }

    [Fact]
    public void TryReserveNext_WaitsForAPauseThatOutlastsTheNextWindowsStart()
    {
        var budget = Bulk();
        budget.OnTooManyRequests(At(58), TimeSpan.FromSeconds(10));

        Assert.Equal(new WeightDecision(false, At(68)), budget.TryReserveNext(2, At(58)));
    }
}
