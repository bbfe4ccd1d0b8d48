using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Coverage;
using static CandleFunctions.Binance.Tests.Archive.Utc;

namespace CandleFunctions.Binance.Tests.Archive;

public class ArchivePlannerTests
{
    private static readonly ArchivePlanner Planner = new(new ArchiveOptions { DailyLag = TimeSpan.FromDays(2), MonthlyLag = TimeSpan.FromDays(7) });

    private static readonly DateTimeOffset LongAfter = At("2030-01-01");

    [Fact]
    public void Plan_WholeMonthsInsideARange_BecomeMonthlyJobs()
    {
        var plan = Planner.Plan("BTCUSDT", CoverageSet.Of(Range("2021-01-01", "2021-03-01")), LongAfter);

        Assert.Equal([ArchiveJob.Monthly("BTCUSDT", 2021, 1), ArchiveJob.Monthly("BTCUSDT", 2021, 2)], plan.Jobs);
        Assert.True(plan.RestRemainder.IsEmpty);
    }

    [Fact]
    public void Plan_RangeStartingAndEndingMidDay_SendsThePartialDaysToRest()
    {
        var plan = Planner.Plan("BTCUSDT", CoverageSet.Of(Range("2021-01-30 13:07", "2021-03-02 08:00")), LongAfter);

        Assert.Equal(
            [ArchiveJob.Daily("BTCUSDT", Day("2021-01-31")), ArchiveJob.Monthly("BTCUSDT", 2021, 2), ArchiveJob.Daily("BTCUSDT", Day("2021-03-01"))],
            plan.Jobs);
        Assert.Equal(CoverageSet.Of(Range("2021-01-30 13:07", "2021-01-31"), Range("2021-03-02", "2021-03-02 08:00")), plan.RestRemainder);
    }

    [Fact]
    public void Plan_RangeInsideOneDay_IsAllRest()
    {
        var missing = CoverageSet.Of(Range("2021-01-05 00:01", "2021-01-05 23:59"));

        var plan = Planner.Plan("BTCUSDT", missing, LongAfter);

        Assert.Empty(plan.Jobs);
        Assert.Equal(missing, plan.RestRemainder);
    }

    [Fact]
    public void Plan_PartialMonth_BecomesDailyJobs()
    {
        var plan = Planner.Plan("BTCUSDT", CoverageSet.Of(Range("2021-02-01", "2021-02-04")), LongAfter);

        Assert.Equal(
            [ArchiveJob.Daily("BTCUSDT", Day("2021-02-01")), ArchiveJob.Daily("BTCUSDT", Day("2021-02-02")), ArchiveJob.Daily("BTCUSDT", Day("2021-02-03"))],
            plan.Jobs);
    }

    [Fact]
    public void Plan_MonthNotPastMonthlyLag_UsesDailyFilesForIt()
    {
        // November ended 5 days ago: too early for the monthly file, but its days are past the daily lag.
        var plan = Planner.Plan("BTCUSDT", CoverageSet.Of(Range("2026-11-01", "2026-12-01")), At("2026-12-06"));

        Assert.Equal(30, plan.Jobs.Count);
        Assert.All(plan.Jobs, j => Assert.Equal(ArchiveGranularity.Daily, j.Granularity));
    }

    [Fact]
    public void Plan_MonthExactlyAtMonthlyLag_IsMonthly()
    {
        var plan = Planner.Plan("BTCUSDT", CoverageSet.Of(Range("2026-11-01", "2026-12-01")), At("2026-12-08"));

        Assert.Equal([ArchiveJob.Monthly("BTCUSDT", 2026, 11)], plan.Jobs);
    }

    [Fact]
    public void Plan_RecentTail_GoesToRest()
    {
        // Days ending within the 2-day lag of now (Dec 10 12:00) are not expected in the archive yet.
        var plan = Planner.Plan("BTCUSDT", CoverageSet.Of(Range("2026-12-05", "2026-12-10 11:00")), At("2026-12-10 12:00"));

        Assert.Equal(
            [ArchiveJob.Daily("BTCUSDT", Day("2026-12-05")), ArchiveJob.Daily("BTCUSDT", Day("2026-12-06")), ArchiveJob.Daily("BTCUSDT", Day("2026-12-07"))],
            plan.Jobs);
        Assert.Equal(CoverageSet.Of(Range("2026-12-08", "2026-12-10 11:00")), plan.RestRemainder);
    }

    [Fact]
    public void Plan_SeveralMissingRanges_PlansEachOnItsOwn()
    {
        var missing = CoverageSet.Of(Range("2021-01-01", "2021-02-01"), Range("2021-03-10", "2021-03-11 06:00"));

        var plan = Planner.Plan("BTCUSDT", missing, LongAfter);

        Assert.Equal([ArchiveJob.Monthly("BTCUSDT", 2021, 1), ArchiveJob.Daily("BTCUSDT", Day("2021-03-10"))], plan.Jobs);
        Assert.Equal(CoverageSet.Of(Range("2021-03-11", "2021-03-11 06:00")), plan.RestRemainder);
    }

    [Fact]
    public void Plan_YearBoundary_SplitsIntoDecemberAndJanuary()
    {
        var plan = Planner.Plan("ETHUSDT", CoverageSet.Of(Range("2021-12-01", "2022-02-01")), LongAfter);

        Assert.Equal([ArchiveJob.Monthly("ETHUSDT", 2021, 12), ArchiveJob.Monthly("ETHUSDT", 2022, 1)], plan.Jobs);
    }

    [Fact]
    public void Plan_NothingMissing_PlansNothing()
    {
        var plan = Planner.Plan("BTCUSDT", CoverageSet.Empty, LongAfter);

        Assert.Empty(plan.Jobs);
        Assert.True(plan.RestRemainder.IsEmpty);
    }
}
