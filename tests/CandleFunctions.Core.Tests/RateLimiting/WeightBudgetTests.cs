using System.Text.Json;
using CandleFunctions.Core.RateLimiting;

using static CandleFunctions.Core.Tests.RateLimiting.BudgetSteps;

namespace CandleFunctions.Core.Tests.RateLimiting;

/// <summary>Limit 100 per minute: usable 98 with the default 2% safety, u = 250 ms.</summary>
public class WeightBudgetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan U = TimeSpan.FromMilliseconds(250);
    private static readonly RateLimitRule Rule = new(100, TimeSpan.FromMinutes(1));

    private static WeightBudget Budget(TimeSpan? serverOffset = null)
    {
        var budget = new WeightBudget(new WeightBudgetOptions());
        budget.Configure(Rule, serverOffset ?? TimeSpan.Zero);
        return PastStartUp(budget, new WeightBudgetOptions());
    }

    private static DateTimeOffset At(double seconds) => T0.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    [Fact]
    public void TryReserve_GrantsUpToUsableThenRefusesUntilNextWindowStartPlusUncertainty()
    {
        var budget = Budget();
        Assert.Equal(98, GrantAll(budget, 2, At(10)));
        Assert.Equal(new WeightDecision(false, At(60) + U), budget.TryReserve(2, At(10)));
    }

    [Fact]
    public void TryReserve_NewWindow_GrantsAgainOnceSurelyPastTheBoundary()
    {
        var budget = Budget();
        GrantAll(budget, 2, At(10));
        Assert.False(budget.TryReserve(2, At(60) + U - TimeSpan.FromMilliseconds(1)).Granted);
        Assert.Equal(98, GrantAll(budget, 2, At(60) + U));
    }

    [Theory]
    [InlineData(20, 40)] // server minute starts 20 s before ours: local :40
    [InlineData(-20, 20)] // server 20 s behind: its minute starts at local :20
    public void TryReserve_WindowsAlignToTheServerClock(int offsetSeconds, int localWindowStartSecond)
    {
        var budget = Budget(TimeSpan.FromSeconds(offsetSeconds));
        var fillAt = At(localWindowStartSecond - 10);
        GrantAll(budget, 2, fillAt);
        Assert.Equal(At(localWindowStartSecond) + U, budget.TryReserve(2, fillAt).RetryAt);
        Assert.True(budget.TryReserve(2, At(localWindowStartSecond) + U).Granted);
    }

    [Fact]
    public void TryReserve_NearABoundary_ChargesBothWindows()
    {
        var budget = Budget();
        Assert.True(budget.TryReserve(50, At(59.9)).Granted);
        Assert.Equal(50, budget.Snapshot(At(59)).Used);
        Assert.Equal(50, budget.Snapshot(At(61)).Used);
    }

    [Fact]
    public void TryReserve_NearABoundary_RefusedWhenEitherWindowIsFull()
    {
        var budget = Budget();
        Assert.True(budget.TryReserve(60, At(30)).Granted);
        Assert.Equal(new WeightDecision(false, At(60) + U), budget.TryReserve(40, At(59.9)));
    }

    [Fact]
    public void Observe_HigherHeader_LowersWhatIsLeft()
    {
        var budget = Budget();
        budget.Land(budget.TryReserve(10, At(10)).Ticket, At(10.1), []);
        budget.Observe(80, At(11));
        // Late in the window, so that pacing (another program is on the IP) does not hold anything back.
        Assert.False(budget.TryReserve(19, At(50)).Granted);
        Assert.True(budget.TryReserve(18, At(50)).Granted);
    }

    [Fact]
    public void Observe_LowerHeader_NeverRaisesWhatIsLeftAboveOurReservations()
    {
        var budget = Budget();
        budget.TryReserve(60, At(10));
        budget.Observe(5, At(11));
        Assert.Equal(38, budget.Snapshot(At(12)).Remaining);
        Assert.False(budget.TryReserve(39, At(12)).Granted);
    }

    [Fact]
    public void Observe_InANewWindow_DoesNotCarryTheOldWindowsHeaderOnlyWhatItTaughtAboutOtherPrograms()
    {
        var budget = Budget();
        budget.Observe(90, At(30));
        // 90 foreign once, in one window: the neighbour estimate takes 60% of it (54), not the whole header.
        Assert.Equal(44, GrantAll(budget, 2, At(115)));
    }

    [Fact]
    public void OnTooManyRequests_PausesUntilTheWindowEndsPlusUncertainty()
    {
        var budget = Budget();
        budget.OnTooManyRequests(At(10), retryAfter: null);
        Assert.Equal(new WeightDecision(false, At(60) + U), budget.TryReserve(1, At(60) + U - TimeSpan.FromMilliseconds(1)));
        Assert.True(budget.TryReserve(1, At(60) + U).Granted);
        Assert.Equal(1, budget.TooManyRequestsCount);
    }

    [Fact]
    public void ConfirmSend_AfterA429_GivesTheGrantBackAndRefusesToSend()
    {
        var budget = Budget();
        var early = budget.TryReserve(40, At(10));
        var late = budget.TryReserve(40, At(10));
        Assert.True(budget.ConfirmSend(early.Ticket, At(10)));

        budget.OnTooManyRequests(At(11), retryAfter: null);

        Assert.False(budget.ConfirmSend(late.Ticket, At(11)));
        // The refused grant's weight is given back; the sent one's stays charged.
        Assert.Equal(40, budget.Snapshot(At(11)).Used);
        Assert.False(budget.TryReserve(1, At(11)).Granted);
    }

    [Fact]
    public void ConfirmSend_WhenTheClockHasMovedIntoAWindowTheGrantWasNotChargedTo_GivesItBack()
    {
        var budget = PastStartUp(Budget(), new WeightBudgetOptions());
        var grant = budget.TryReserve(10, At(59.5));

        // The sender ran 400 ms late (a busy machine): the server may now count it in the next window, charged nothing.
        Assert.False(budget.ConfirmSend(grant.Ticket, At(59.9)));
        Assert.Equal(0, budget.Snapshot(At(59.9)).Used);

        // Asked again now, the weight is charged to both windows the server may be in, and the request may go.
        var again = budget.TryReserve(10, At(59.9));
        Assert.True(budget.ConfirmSend(again.Ticket, At(59.9)));
        Assert.Equal(10, budget.Snapshot(At(60.1)).Used);
    }

    [Fact]
    public void ConfirmSend_WithNoPause_LetsTheGrantGo()
    {
        var budget = Budget();
        var grant = budget.TryReserve(10, At(10));
        Assert.True(budget.ConfirmSend(grant.Ticket, At(10)));
        budget.Land(grant.Ticket, At(10.1), []);
        Assert.Equal(88, GrantAll(budget, 2, At(10)));
    }

    [Fact]
    public void OnTooManyRequests_RetryAfterBeyondTheWindow_ExtendsThePause()
    {
        var budget = Budget();
        budget.OnTooManyRequests(At(50), TimeSpan.FromSeconds(30));
        Assert.Equal(At(80), budget.PausedUntil);
    }

    [Fact]
    public void OnTooManyRequests_ShortRetryAfter_StillWaitsForTheWindowToEnd()
    {
        var budget = Budget();
        budget.OnTooManyRequests(At(50), TimeSpan.FromSeconds(1));
        Assert.Equal(At(60) + U, budget.PausedUntil);
    }

    [Fact]
    public void OnBanned_PausesUntilTheBanEndsAndNotAMillisecondLess()
    {
        var budget = Budget();
        var until = At(7200.123);
        budget.OnBanned(At(10), until);
        Assert.Equal(new WeightDecision(false, until), budget.TryReserve(1, until - TimeSpan.FromMilliseconds(1)));
        Assert.True(budget.TryReserve(1, until).Granted);
        Assert.Equal((until, 1), (budget.BannedUntil, budget.BanCount));
    }

    [Fact]
    public void OnBanned_ShorterSecondBan_KeepsTheLongerOne()
    {
        var budget = Budget();
        budget.OnBanned(At(10), At(600));
        budget.OnBanned(At(20), At(300));
        Assert.Equal(At(600), budget.BannedUntil);
    }

    [Fact]
    public void LocalDeadline_ConvertsAServerInstantAndWaitsOutTheUncertainty() =>
        Assert.Equal(At(95) + U, Budget(TimeSpan.FromSeconds(5)).LocalDeadline(At(100)));

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public void TryReserve_WeightOutsideOneToUsable_Throws(int weight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Budget().TryReserve(weight, At(10)));

    [Fact]
    public void BeforeConfigure_PacesBootstrapCallsAt1200PerMinute()
    {
        var budget = new WeightBudget(new WeightBudgetOptions());
        Assert.Equal(RateLimitRule.Bootstrap, budget.Rule);
        Assert.Equal(1176, GrantAll(budget, 1, At(10)));
    }

    [Fact]
    public void Configure_RefinedOffset_KeepsTheServerWindowsAsTheyAre()
    {
        var budget = Budget();
        budget.TryReserve(90, At(10));
        budget.Configure(Rule, TimeSpan.FromMilliseconds(100));
        Assert.Equal(new WeightDecision(false, At(59.9) + U), budget.TryReserve(10, At(20)));
    }

    [Fact]
    public void Configure_FirstTime_CountsBootstrapWeightUntilTheGuessedWindowHasSurelyEnded()
    {
        var budget = new WeightBudget(new WeightBudgetOptions());
        budget.TryReserve(1000, At(10));
        budget.Configure(new RateLimitRule(2400, TimeSpan.FromMinutes(1)), TimeSpan.FromSeconds(30)); // server minutes start at local :30
        budget = PastStartUp(budget, new WeightBudgetOptions());

        Assert.Equal(new WeightDecision(false, At(90) + U), budget.TryReserve(1400, At(35)));
        var granted = budget.TryReserve(1352, At(35));
        Assert.True(granted.Granted);
        budget.Land(granted.Ticket, At(35.1), []);
        Assert.True(budget.TryReserve(2352, At(90) + U).Granted);
    }

    [Fact]
    public void Configure_ShorterWindow_CarriesSpentWeightIntoEveryOverlappingNewWindow()
    {
        var budget = Budget();
        budget.TryReserve(90, At(10));
        budget.Configure(new RateLimitRule(100, TimeSpan.FromSeconds(10)), TimeSpan.Zero);

        Assert.Equal(new WeightDecision(false, At(70) + U), budget.TryReserve(10, At(20)));
        Assert.True(budget.TryReserve(10, At(70) + U).Granted);
    }

    [Fact]
    public void Refund_GivesBackWeightOfARequestNeverSent()
    {
        var budget = Budget();
        var ticket = budget.TryReserve(2, At(10)).Ticket;
        GrantAll(budget, 2, At(10));
        budget.Refund(ticket);
        Assert.True(budget.TryReserve(2, At(11)).Granted);
        Assert.False(budget.TryReserve(2, At(11)).Granted);
    }

    [Fact]
    public void Snapshot_ShowsTheServerWindowInLocalTimeAndThePause()
    {
        var budget = Budget(TimeSpan.FromSeconds(-20));
        budget.TryReserve(30, At(30));
        budget.OnTooManyRequests(At(31), null);
        Assert.Equal(new WeightSnapshot(30, 98, 100, At(20), At(80), At(80) + U), budget.Snapshot(At(32)));
    }

    [Fact]
    public void FromState_AfterJsonRoundTrip_ContinuesIdentically()
    {
        var original = Budget(TimeSpan.FromMilliseconds(1234));
        original.TryReserve(40, At(59.9));
        original.Observe(70, At(30));
        original.OnTooManyRequests(At(31), TimeSpan.FromSeconds(5));
        original.OnBanned(At(32), At(45));
        var json = JsonSerializer.Serialize(original.State);
        var restored = WeightBudget.FromState(JsonSerializer.Deserialize<WeightBudgetState>(json)!, new WeightBudgetOptions());

        Assert.Equal(json, JsonSerializer.Serialize(restored.State));
        foreach (var seconds in new[] { 44.0, 46, 50, 59.9, 60.5, 61, 61.5, 130 })
        {
            Assert.Equal(original.Snapshot(At(seconds)), restored.Snapshot(At(seconds)));
            Assert.Equal(original.TryReserve(7, At(seconds)), restored.TryReserve(7, At(seconds)));
        }
    }
}
