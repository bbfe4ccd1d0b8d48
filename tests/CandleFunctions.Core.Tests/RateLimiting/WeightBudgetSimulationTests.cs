using CandleFunctions.Core.RateLimiting;
using CsCheck;

namespace CandleFunctions.Core.Tests.RateLimiting;

public class WeightBudgetSimulationTests
{
    private static readonly int[] AnyKlinesWeight = [1, 2, 5];

    /// <summary>
    /// Up to three processes on one IP (each other's weight reaches a budget only through the header),
    /// with at most two requests in flight each, plus an unmanaged neighbour. The safety fraction has
    /// to absorb what is in flight and unseen: 3 × 2 × 5 = 30 weight, under 2% of any limit ≥ 2000.
    /// </summary>
    [Fact]
    public void ManyClientsAndAForeignProcess_NeverPushAServerWindowOverTheLimit()
    {
        var gen =
            from limit in Gen.Int[2000, 6000]
            from windowSeconds in Gen.OneOf(10, 60)
            from uncertaintyMs in Gen.Int[0, 400]
            from trueOffsetMs in Gen.Long[-5000, 5000]
            from processes in Gen.Int[1, 3]
            from workers in Gen.Int[1, 2]
            from maxThinkMs in Gen.OneOf(0L, 200L, 3000L)
            from seed in Gen.Int
            select (limit, windowSeconds, uncertaintyMs, trueOffsetMs, processes, workers, maxThinkMs, seed);

        gen.Sample(p =>
        {
            var options = new WeightBudgetOptions { ClockUncertainty = TimeSpan.FromMilliseconds(p.uncertaintyMs) };
            var rule = new RateLimitRule(p.limit, TimeSpan.FromSeconds(p.windowSeconds));
            var sim = new BudgetSimulation(p.seed, rule, p.trueOffsetMs, options);
            var random = new Random(p.seed);
            for (var i = 0; i < p.processes; i++)
                sim.AddProcess(random.NextInt64(-p.uncertaintyMs / 2, (p.uncertaintyMs / 2) + 1), p.workers, AnyKlinesWeight, p.maxThinkMs);
            var margin = p.limit - Usable(rule, options);
            sim.AddNoise(perWindow: margin - (p.processes * p.workers * 5), meanGapMs: 200);

            sim.RunUntil(6L * p.windowSeconds * 1000);

            var worst = sim.ServerCounts.MaxBy(kv => kv.Value);
            Assert.True(worst.Value <= p.limit, $"server window {worst.Key} counted {worst.Value} > limit {p.limit}");
        }, iter: 200);
    }

    [Fact]
    public void GreedyClientWithWeight2Requests_UsesAtLeast95PercentOfEveryWindow()
    {
        var rule = new RateLimitRule(2400, TimeSpan.FromMinutes(1));
        var sim = new BudgetSimulation(seed: 7, rule, trueOffsetMs: 1234, new WeightBudgetOptions());
        sim.AddProcess(offsetErrorMs: 40, workers: 4, weights: [2], maxThinkMs: 0);

        sim.RunUntil(10 * 60_000);

        // Steady state: skip the first window (the client starts mid-window) and the last (cut short).
        var first = sim.ServerWindow(0) + 1;
        var last = sim.ServerWindow(10 * 60_000) - 1;
        for (var index = first; index <= last; index++)
        {
            var used = sim.ServerCounts.GetValueOrDefault(index);
            Assert.True(used >= 0.95 * rule.Limit, $"window {index} used only {used} of {rule.Limit}");
            Assert.True(used <= rule.Limit);
        }
    }

    [Theory]
    [InlineData(false, 60)]
    [InlineData(true, 60)]
    [InlineData(false, 6)]
    [InlineData(true, 6)]
    public void ANeighbourSpending40PercentOfEveryWindow_IsLeftItsShareAndWeUseMostOfTheRest(bool burst, int windowSeconds)
    {
        var rule = new RateLimitRule(windowSeconds == 60 ? 2400 : 240, TimeSpan.FromSeconds(windowSeconds));
        var windowMs = windowSeconds * 1000L;
        var sim = new BudgetSimulation(seed: 11, rule, trueOffsetMs: 321, new WeightBudgetOptions());
        sim.AddProcess(offsetErrorMs: 30, workers: 4, weights: [2], maxThinkMs: 0);
        sim.AddNeighbour(0.4, burst);

        sim.RunUntil(20 * windowMs);

        // After several windows to learn the neighbour: never over the limit, and at least 85% of what it leaves.
        var left = rule.Limit * 0.6;
        for (var index = sim.ServerWindow(0) + 8; index <= sim.ServerWindow(20 * windowMs) - 1; index++)
        {
            var total = sim.ServerCounts.GetValueOrDefault(index);
            var ours = sim.OurCounts.GetValueOrDefault(index);
            Assert.True(total <= rule.Limit, $"window {index} counted {total} > {rule.Limit}");
            Assert.True(ours >= 0.85 * left, $"window {index}: we used {ours}, under 85% of the {left} left");
        }
    }

    /// <summary>
    /// A process started as candles starts, beside a program already spending 40% of every window (120 per 5 s, as the
    /// benchmark): while its estimate is young it takes at most half, paced over the window so that its headers tell a
    /// steady rate from a burst, and when the estimate is trusted the neighbour still has its share of every window. From
    /// the first whole window on it uses at least 85% of what the neighbour leaves, on average over five starts.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ANeighbourSpending40PercentFromTheStart_IsNeverCrowdedOutWhileWeLearnIt(bool burst)
    {
        var rule = new RateLimitRule(120, TimeSpan.FromSeconds(5));
        var ours = new List<int>();
        for (var seed = 1; seed <= 5; seed++)
        {
            var sim = new BudgetSimulation(seed, rule, trueOffsetMs: 777, new WeightBudgetOptions());
            var startMs = sim.LocalStart(sim.ServerWindow(0) + 2) + (seed * 700);
            sim.StartProcess(startMs, offsetErrorMs: 20, workers: 8, weights: [2], maxThinkMs: 5);
            sim.AddNeighbour(0.4, burst);

            sim.RunUntil(startMs + 60_000);

            var first = sim.ServerWindow(startMs);
            for (var index = first; index < sim.ServerWindow(startMs + 60_000); index++)
                Assert.True(sim.ServerCounts.GetValueOrDefault(index) <= rule.Limit, $"seed {seed}, window {index - first}: {sim.ServerCounts.GetValueOrDefault(index)} > {rule.Limit}");
            ours.AddRange(Enumerable.Range(1, 10).Select(i => sim.OurCounts.GetValueOrDefault(first + i)));
        }
        Assert.True(ours.Average() >= 0.85 * 72, $"on average {ours.Average():F1} of the 72 the neighbour leaves");
    }

    /// <summary>
    /// A trading bot already spending most of every minute at a steady pace (it neither reads our headers nor slows
    /// down): a process started beside it, anywhere in a window, must not take so much of that first window that the
    /// bot's own requests are refused. Half of the room seen early in a window is too much: the bot has spent little
    /// yet. Seven starts spread over a window of the exchange's 2,400 per minute. (In windows compressed to seconds the
    /// clock's uncertainty is a larger share of the window than the safety margin; see the README.)
    /// </summary>
    [Theory]
    [InlineData(0.6, true)]
    [InlineData(0.7, true)]
    [InlineData(0.8, true)]
    [InlineData(0.6, false)]
    [InlineData(0.7, false)]
    [InlineData(0.8, false)]
    public void ASteadyNeighbourSpendingMostOfEveryMinute_IsNeverPushedOverTheLimitWhenWeStartBesideIt(double share, bool capInFlight)
    {
        var rule = new RateLimitRule(2400, TimeSpan.FromMinutes(1));
        const long windowMs = 60_000;
        for (var seed = 1; seed <= 7; seed++)
        {
            var sim = new BudgetSimulation(seed, rule, trueOffsetMs: 777, new WeightBudgetOptions { CapInFlightAtHalfTheRoom = capInFlight });
            var startMs = sim.LocalStart(sim.ServerWindow(0) + 2) + (seed * windowMs / 8);
            sim.StartProcess(startMs, offsetErrorMs: 20, workers: 8, weights: [2], maxThinkMs: 5);
            sim.AddNeighbour(share, burst: false);

            sim.RunUntil(startMs + (8 * windowMs));

            var first = sim.ServerWindow(startMs);
            for (var index = first; index < sim.ServerWindow(startMs + (8 * windowMs)); index++)
                Assert.True(sim.ServerCounts.GetValueOrDefault(index) <= rule.Limit, $"seed {seed}, window {index - first}: {sim.ServerCounts.GetValueOrDefault(index)} > {rule.Limit}");
        }
    }

    /// <summary>
    /// --max-weight-share 0.5 beside a program spending the other half of every 240-per-6-seconds window, on a machine so
    /// loaded that the best clock sample took 900 ms: the offset estimate is 400 ms ahead of the server, more than the
    /// configured uncertainty. Each reservation is charged as far either side as the sample's round trip. Without that,
    /// the request probing each fresh window is counted in the full one before, and its header makes the fresh window
    /// look full to us: safe, but most of each window is lost.
    /// </summary>
    [Fact]
    public void AClockSampleWithASlowRoundTrip_WidensTheBand_SoWindowStartsAreNotMisreadAsFull()
    {
        var rule = new RateLimitRule(240, TimeSpan.FromSeconds(6));
        var sim = new BudgetSimulation(seed: 3, rule, trueOffsetMs: 123, new WeightBudgetOptions { MaxWeightShare = 0.5 });
        sim.AddProcess(offsetErrorMs: 400, workers: 8, weights: [2], maxThinkMs: 0, sampleRoundTripMs: 900);
        sim.AddNeighbour(0.5, burst: false);

        sim.RunUntil(20 * 6_000);

        for (var index = sim.ServerWindow(0) + 1; index < sim.ServerWindow(20 * 6_000); index++)
            Assert.True(sim.ServerCounts.GetValueOrDefault(index) <= rule.Limit, $"window {index}: {sim.ServerCounts.GetValueOrDefault(index)} > {rule.Limit}");
        var ours = sim.OurCounts.OrderBy(w => w.Key).Skip(2).Select(w => w.Value).ToList();
        Assert.True(ours.Average() >= 0.85 * 120, $"on average {ours.Average():F1} of our 120");
    }

    [Fact]
    public void ANeighbourThatStops_IsForgottenWithinAFewWindows()
    {
        var rule = new RateLimitRule(2400, TimeSpan.FromMinutes(1));
        var sim = new BudgetSimulation(seed: 5, rule, trueOffsetMs: 0, new WeightBudgetOptions());
        sim.AddProcess(offsetErrorMs: 0, workers: 4, weights: [2], maxThinkMs: 0);
        sim.AddNeighbour(0.4, burst: false, untilMs: 5 * 60_000);

        sim.RunUntil(14 * 60_000);

        for (var index = sim.ServerWindow(0) + 11; index <= sim.ServerWindow(14 * 60_000) - 1; index++)
        {
            var ours = sim.OurCounts.GetValueOrDefault(index);
            Assert.True(ours >= 0.95 * rule.Limit, $"window {index}: we used only {ours} after the neighbour stopped");
        }
    }

    private static int Usable(RateLimitRule rule, WeightBudgetOptions options)
    {
        var budget = new WeightBudget(options);
        budget.Configure(rule, TimeSpan.Zero);
        return budget.Usable;
    }
}
