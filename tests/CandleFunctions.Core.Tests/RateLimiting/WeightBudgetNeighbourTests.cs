using System.Text.Json;
using CandleFunctions.Core.RateLimiting;

using static CandleFunctions.Core.Tests.RateLimiting.BudgetSteps;

namespace CandleFunctions.Core.Tests.RateLimiting;

/// <summary>Limit 100 per minute (ceiling 98): other programs on the IP seen through the header, our in-flight weight, our share.</summary>
public class WeightBudgetNeighbourTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RateLimitRule Rule = new(100, TimeSpan.FromMinutes(1));

    private static WeightBudget Budget(double share = 1.0)
    {
        var options = new WeightBudgetOptions { MaxWeightShare = share };
        var budget = new WeightBudget(options);
        budget.Configure(Rule, TimeSpan.Zero);
        return PastStartUp(budget, options);
    }

    private static DateTimeOffset At(double seconds) => T0.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    private static UsedWeightHeader[] Header(int used) => [new(Rule.Window, used)];

    [Fact]
    public void Land_ReadAfterItsWindowTurned_CreditsTheHeaderToTheWindowItsRequestWasChargedTo()
    {
        var budget = Budget();
        var early = budget.TryReserve(40, At(30));
        budget.Land(early.Ticket, At(30.1), Header(40));
        var late = budget.TryReserve(10, At(50));

        // A busy process reads the answer 11 s later: the server counted it in the first window, whose header says 50.
        budget.Land(late.Ticket, At(61), Header(50));

        // No window shows weight of another program, and the fresh one is left whole to us.
        Assert.All(budget.State.Windows, w => Assert.Equal((0, 0), (w.Foreign, w.SureForeign)));
        Assert.Equal(98, GrantAll(budget, 2, At(90)));
    }

    [Fact]
    public void Land_HeaderBeyondOurLandedWeight_LeavesThatForeignWeightToTheOtherProgram()
    {
        var budget = Budget();
        var ticket = budget.TryReserve(10, At(10)).Ticket;
        budget.Land(ticket, At(10.1), Header(40));
        // 10 ours + 30 foreign: 58 left of 98 (the neighbour estimate is still empty, so nothing more is held back).
        Assert.Equal(58, GrantAll(budget, 2, At(50)));
    }

    [Fact]
    public void Land_OurRequestsStillInFlight_CountOnTopOfTheHeader()
    {
        var budget = Budget();
        var first = budget.TryReserve(10, At(10)).Ticket;
        budget.TryReserve(20, At(10));
        // The server has counted only the first: its header shows 10, the other 20 is still on its way.
        budget.Land(first, At(10.1), Header(10));
        Assert.Equal(68, budget.Snapshot(At(11)).Remaining);
    }

    [Fact]
    public void TryReserve_AtMostHalfOfTheRoomSeenGoesInFlight_ThenOneRequestAtATime()
    {
        var budget = Budget();
        // Nothing of ours has landed: 98 of room seen, so up to 48 (+2) may be on their way at once.
        var inFlight = new List<long>();
        while (budget.TryReserve(2, At(10)) is { Granted: true } decision)
            inFlight.Add(decision.Ticket);
        Assert.Equal(49 / 2 * 2, inFlight.Sum(_ => 2));
        var held = budget.TryReserve(2, At(10));
        Assert.True(held.AwaitsLanding);
        Assert.InRange(held.RetryAt - At(10), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(10));

        // They land with a header showing another program's 44 on top: 6 seen left, so one request at a time.
        for (var i = 0; i < inFlight.Count; i++)
            budget.Land(inFlight[i], At(10.1), Header(44 + (2 * (i + 1))));
        var next = budget.TryReserve(2, At(50));
        Assert.True(next.Granted);
        Assert.True(budget.TryReserve(2, At(50)).AwaitsLanding);
        budget.Land(next.Ticket, At(50.1), Header(94));
        Assert.True(budget.TryReserve(2, At(50.2)).Granted);
    }

    [Fact]
    public void TryReserve_WithTheInFlightCapOff_GrantsTheWholeRoomWithoutWaitingForLandings()
    {
        // The durable entity grants whole waves and caps what is in flight its own way.
        var budget = new WeightBudget(new WeightBudgetOptions { CapInFlightAtHalfTheRoom = false });
        budget.Configure(Rule, TimeSpan.Zero);

        // Nothing lands: every grant is still in flight.
        var granted = 0;
        while (budget.TryReserve(2, At(10)) is { Granted: true })
            granted += 2;
        Assert.Equal(98, granted);
        Assert.False(budget.TryReserve(2, At(10)).AwaitsLanding);
    }

    [Fact]
    public void Land_RequestsSentBeforeTheLandingOne_AreTakenAsCountedNotAsForeign()
    {
        var budget = Budget();
        budget.TryReserve(10, At(10));
        var second = budget.TryReserve(10, At(10)).Ticket;
        // The second's response arrives first; its header includes the first request, which is ours.
        budget.Land(second, At(10.1), Header(20));
        Assert.Equal(0, budget.State.Windows.Single().Foreign);
    }

    [Fact]
    public void Land_BeforeTheRuleIsKnown_KeepsEveryUsedWeightHeaderAndAppliesTheMatchingOneOnConfigure()
    {
        // A process restarted inside a six-second window that an earlier process filled to 200 of 240.
        var budget = new WeightBudget(new WeightBudgetOptions());
        var ticket = budget.TryReserve(1, At(10)).Ticket;
        budget.Land(ticket, At(10.1), [new(TimeSpan.FromMinutes(1), 200), new(TimeSpan.FromSeconds(6), 200)]);
        budget.Configure(new RateLimitRule(240, TimeSpan.FromSeconds(6)), TimeSpan.Zero);

        // Ceiling 235: 200 seen, 1 carried from the bootstrap window, so at most 34 more in this window (none at all while
        // the 200 might be a program still spending at that pace: see the steady-neighbour projection).
        Assert.InRange(GrantAll(budget, 1, At(10.2)), 0, 34);
        Assert.True(budget.Snapshot(At(10.2)).Used >= 201, $"the window shows {budget.Snapshot(At(10.2)).Used}");
        Assert.Empty(budget.State.Pending!);
    }

    [Fact]
    public void OnTooManyRequests_BeforeTheRuleIsKnown_WaitsOnlyForTheWindowTheHeaderNames()
    {
        var budget = new WeightBudget(new WeightBudgetOptions());
        budget.OnTooManyRequests(At(10), retryAfter: null, headerWindow: TimeSpan.FromSeconds(6));
        Assert.Equal(At(16.25), budget.PausedUntil);
    }

    [Fact]
    public void Learn_SteadyNeighbour_IsHeldBackForTheRestOfTheWindow()
    {
        var budget = Budget();
        // Three windows in which another program spends 40, steadily: 10 per quarter.
        for (var window = 0; window < 3; window++)
            Watch(budget, window, quarter => 10 * quarter);
        var start = 60.0 * 3;
        // In the next window, at 50 s: 33 foreign seen, about 5 more expected by its end.
        var ticket = budget.TryReserve(1, At(start + 50)).Ticket;
        budget.Land(ticket, At(start + 50.1), Header(34));
        Assert.InRange(budget.Neighbour.Rate, 20, 40);
        // Room is left for what the neighbour still spends; without the estimate we would take all 64.
        var granted = GrantAll(budget, 1, At(start + 50.2));
        Assert.InRange(granted, 55, 62);
    }

    [Fact]
    public void Learn_BurstAtWindowStart_IsHeldBackBeforeItIsSeen()
    {
        var budget = Budget();
        for (var window = 0; window < 3; window++)
            Watch(budget, window, _ => 40);
        Assert.InRange(budget.Neighbour.Burst, 30, 40);
        // At the very start of the next window, before any header shows the burst, the window counts as holding it.
        Assert.InRange(budget.Snapshot(At((60.0 * 3) + 0.3)).Used, 30, 40);
    }

    [Fact]
    public void Learn_NeighbourStops_EstimateDecaysWithinAFewWindows()
    {
        var budget = Budget();
        for (var window = 0; window < 3; window++)
            Watch(budget, window, quarter => 10 * quarter);
        var before = budget.Neighbour.Total;
        for (var window = 3; window < 9; window++)
            Watch(budget, window, _ => 0);
        Assert.True(before >= 20, $"learnt {before}");
        Assert.True(budget.Neighbour.Total < 2, $"still expects {budget.Neighbour.Total} after six quiet windows");
    }

    [Fact]
    public void Learn_NeighbourSpeedsUp_TheWindowsOwnHeadersWinOverAnOldEstimate()
    {
        var budget = Budget();
        for (var window = 0; window < 3; window++)
            Watch(budget, window, quarter => 4 * quarter);
        // Now 60 within the first half of the window: more than the estimate ever said.
        var start = 60.0 * 3;
        var ticket = budget.TryReserve(1, At(start + 30)).Ticket;
        budget.Land(ticket, At(start + 30.1), Header(61));
        Assert.InRange(GrantAll(budget, 1, At(start + 30.2)), 20, 98 - 61 - 3);
    }

    [Fact]
    public void Pacing_WithANeighbour_SpreadsOurWeightOverTheWindow()
    {
        var budget = Budget();
        var ticket = budget.TryReserve(2, At(1)).Ticket;
        budget.Land(ticket, At(1.1), Header(22));
        // 20 foreign seen: of the 78 left to us, by 6 s (a tenth in) at most 35% may be spent; the rest later.
        var early = GrantAll(budget, 2, At(6));
        var refused = budget.TryReserve(2, At(6));
        Assert.InRange(2 + early, 24, 28);
        Assert.False(refused.Granted);
        Assert.True(refused.RetryAt > At(6) && refused.RetryAt < At(60), $"retry at {refused.RetryAt:HH:mm:ss.fff}");
        Assert.Equal(78, 2 + early + GrantAll(budget, 2, At(50)));
    }

    [Fact]
    public void MaxWeightShare_CapsOurOwnWeightPerWindow()
    {
        var budget = Budget(share: 0.5);
        Assert.Equal(50, budget.Usable);
        Assert.Equal(50, GrantAll(budget, 1, At(10)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void MaxWeightShare_OutsideZeroToOne_IsRejected(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightBudgetOptions { MaxWeightShare = share }.Validate());

    [Fact]
    public void Lose_KeepsTheWeightChargedButNoLongerInFlight()
    {
        var budget = Budget();
        var ticket = budget.TryReserve(30, At(10)).Ticket;
        budget.Lose(ticket);
        Assert.Empty(budget.State.Tickets!);
        Assert.Equal(68, GrantAll(budget, 2, At(11)));
    }

    [Fact]
    public void FromState_WithTicketsNeighbourAndPendingHeaders_SurvivesAJsonRoundTrip()
    {
        var budget = Budget();
        for (var window = 0; window < 3; window++)
            Watch(budget, window, quarter => 10 * quarter);
        budget.TryReserve(5, At(190));
        var json = JsonSerializer.Serialize(budget.State);
        var restored = WeightBudget.FromState(JsonSerializer.Deserialize<WeightBudgetState>(json)!, new WeightBudgetOptions());
        Assert.Equal(json, JsonSerializer.Serialize(restored.State));
        Assert.Equal(budget.TryReserve(3, At(200)), restored.TryReserve(3, At(200)));
    }

    /// <summary>One window in which we send weight 1 at each quarter and see <paramref name="foreignAt"/>(quarter) foreign weight.</summary>
    private static void Watch(WeightBudget budget, int window, Func<int, int> foreignAt)
    {
        var ours = 0;
        for (var quarter = 0; quarter <= 3; quarter++)
        {
            var at = At((60.0 * window) + 1 + (quarter * 19));
            var ticket = budget.TryReserve(1, at).Ticket;
            ours++;
            budget.Land(ticket, at + TimeSpan.FromMilliseconds(50), Header(ours + foreignAt(quarter == 0 ? 0 : quarter)));
        }
    }
}
