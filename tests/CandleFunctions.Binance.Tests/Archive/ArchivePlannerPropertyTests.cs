using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CsCheck;

namespace CandleFunctions.Binance.Tests.Archive;

public class ArchivePlannerPropertyTests
{
    private static readonly DateTimeOffset Origin = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Up to four ranges with minute-aligned ends spread over ~200 days, "now" anywhere around them, lags 0-10 days.
    private static readonly Gen<(CoverageSet Missing, DateTimeOffset Now, ArchivePlanner Planner)> Cases =
        from ranges in (from start in Gen.Int[0, 200 * 1440] from length in Gen.Int[1, 90 * 1440] select (start, length)).Array[0, 4]
        from nowMinute in Gen.Int[0, 300 * 1440]
        from dailyLagHours in Gen.Int[0, 240]
        from monthlyLagHours in Gen.Int[0, 240]
        select (
            CoverageSet.Of(ranges.Select(r => new UtcRange(Origin.AddMinutes(r.start), Origin.AddMinutes(r.start + r.length)))),
            Origin.AddMinutes(nowMinute),
            new ArchivePlanner(new ArchiveOptions { DailyLag = TimeSpan.FromHours(dailyLagHours), MonthlyLag = TimeSpan.FromHours(monthlyLagHours) }));

    [Fact]
    public void JobsAndRemainder_TileTheMissingSetExactly_WithoutOverlap()
    {
        Cases.Sample(c =>
        {
            var plan = c.Planner.Plan("BTCUSDT", c.Missing, c.Now);

            var pieces = plan.Jobs.Select(j => j.Range).Concat(plan.RestRemainder.Ranges).ToList();
            Assert.Equal(c.Missing, CoverageSet.Of(pieces));
            var total = pieces.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Duration);
            Assert.Equal(c.Missing.Duration, total);
        }, iter: 500);
    }

    [Fact]
    public void EveryJob_IsAWholePublishedPeriod()
    {
        Cases.Sample(c =>
        {
            var plan = c.Planner.Plan("BTCUSDT", c.Missing, c.Now);

            foreach (var job in plan.Jobs)
            {
                Assert.Equal(job.Period, job.Range);
                Assert.True(job.Range.End <= c.Now, $"{job} ends after now {c.Now:O}");
            }
        }, iter: 500);
    }
}
