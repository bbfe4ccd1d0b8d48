using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Core.Tests.RateLimiting;

/// <summary>
/// Two processes of ours on one IP, each seeing the other only through the used-weight header, against a server
/// that refuses (429) what does not fit and bans the IP after three 429s in one window, as Binance does.
/// </summary>
public class WeightBudgetSharedIpTests
{
    /// <summary>
    /// 40 weight per second, eight workers each sending weight-2 requests, responses read up to 150 ms late (two
    /// processes on a busy 2-core machine). Neither knows the other at first and each learns it only from headers
    /// that are already stale, so both may overfill a window; what must never happen is three 429s in one window.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(150)]
    public void TwoGreedyProcessesAt40WeightPerSecond_NeverDrawThree429sInOneWindow(long maxReadDelayMs)
    {
        var rule = new RateLimitRule(40, TimeSpan.FromSeconds(1));
        for (var seed = 3; seed <= 3; seed++)
        {
            var random = new Random(seed);
            var sim = new BudgetSimulation(seed, rule, trueOffsetMs: random.NextInt64(-2000, 2000), new WeightBudgetOptions())
            {
                Enforce = true,
                MaxReadDelayMs = maxReadDelayMs,
            };
            sim.AddProcess(offsetErrorMs: random.NextInt64(-60, 61), workers: 8, weights: [2], maxThinkMs: 5);
            sim.AddProcess(offsetErrorMs: random.NextInt64(-60, 61), workers: 8, weights: [2], maxThinkMs: 5);

            sim.RunUntil(60_000);

            var worst = sim.Refusals.Count == 0 ? default : sim.Refusals.MaxBy(kv => kv.Value);
            Assert.True(worst.Value < 3, $"seed {seed}: server window {worst.Key} served {worst.Value} 429s ({sim.Bans} 418s)");
            Assert.Equal(0, sim.Bans);
        }
    }
}
