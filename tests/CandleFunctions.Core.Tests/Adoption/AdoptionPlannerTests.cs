using CandleFunctions.Core.Adoption;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Core.Tests.Adoption;

public class AdoptionPlannerTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Fact]
    public void Plan_LocalTimeFile_IsRewrittenInUtcWithTheExchangesCandles()
    {
        var range = Market.Range(0, 6);
        var rows = Market.Written(Market.Truth(range), offset: TimeSpan.FromHours(11));
        var sample = Market.Sample(SourceClock.Widened(range));
        var match = ClockDetector.Detect(rows, Enumerable.Range(0, rows.Count - 1).ToList(), sample, []);

        var plan = AdoptionPlanner.Plan(rows, AdoptionSampler.BlockEnds(rows), match, sample);

        Assert.Equal(AdoptionVerdict.LocalTime, plan.Verdict);
        Assert.Equal(Market.Truth(range), plan.Candles);
        Assert.Equal(rows.Count, plan.Repairs.Shifted);
        Assert.True(plan.Trusted.Covers(range));
    }

    [Fact]
    public void Plan_OpenCandleAtABlockEnd_IsReplacedByTheClosedOne()
    {
        var range = Market.Range(0, 2);
        var rows = Market.Truth(range);
        rows[^1] = rows[^1] with { Volume = rows[^1].Volume / 2, Close = rows[^1].Open };
        var sample = Market.Sample(range);
        var blockEnds = AdoptionSampler.BlockEnds(rows);
        var match = ClockDetector.Detect(rows, AdoptionSampler.SampledRows(rows, [range], blockEnds), sample, []);

        var plan = AdoptionPlanner.Plan(rows, blockEnds, match, sample);

        Assert.Equal(AdoptionVerdict.Matches, plan.Verdict);
        Assert.Equal(Market.Truth(range), plan.Candles);
        Assert.Equal(1, plan.Repairs.Replaced);
        Assert.Single(plan.Mismatches);
    }

    [Fact]
    public void Plan_UnverifiedBlockEnd_IsDroppedAndLeftForTheSync()
    {
        var range = Market.Range(0, 2);
        var rows = Market.Truth(range);
        var sample = Market.Sample(Market.Range(0, 1));
        var blockEnds = AdoptionSampler.BlockEnds(rows);
        var match = ClockDetector.Detect(rows, AdoptionSampler.SampledRows(rows, [range], blockEnds), sample, []);

        var plan = AdoptionPlanner.Plan(rows, blockEnds, match, sample);

        Assert.Equal(rows.Count - 1, plan.Candles.Count);
        Assert.False(plan.Trusted.Contains(rows[^1].Timestamp));
        Assert.Equal(1, plan.Repairs.Dropped);
    }

    [Fact]
    public void Plan_OpenCandleInsideABlock_KeepsOnlyVerifiedRowsBecauseAnyRunMayHaveEndedOnOne()
    {
        // The notebook's second run went on at the minute after the first run's open candle: no gap, no repeat.
        var whole = Market.Range(0, 4);
        var rows = Market.Truth(whole);
        rows[59] = Open(rows[59]);
        var sampled = Market.Range(0, 2);
        var sample = Market.Sample(sampled, new UtcRange(rows[^1].Timestamp, whole.End));
        var blockEnds = AdoptionSampler.BlockEnds(rows);
        var match = ClockDetector.Detect(rows, AdoptionSampler.SampledRows(rows, [sampled], blockEnds), sample, []);

        var plan = AdoptionPlanner.Plan(rows, blockEnds, match, sample);

        Assert.Equal(AdoptionVerdict.Matches, plan.Verdict);
        Assert.Equal(1, plan.OpenInsideBlocks);
        Assert.Equal([.. Market.Truth(sampled), Market.At(rows[^1].Timestamp)], plan.Candles);
        Assert.Equal(119, plan.Repairs.Dropped);
        Assert.False(plan.Trusted.Contains(Market.T0.AddHours(3)));
        Assert.Contains("only verified rows are kept", plan.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OpenCandleWrittenAgainClosedByTheNextRun_LeavesTheRestTrusted()
    {
        // The next run started at the open minute itself: the repeat shows where the run ended, and is checked there.
        var whole = Market.Range(0, 4);
        var rows = Market.Truth(whole);
        rows.Insert(59, Open(rows[59]));
        var sampled = Market.Range(0, 2);
        var sample = Market.Sample(sampled, new UtcRange(rows[^1].Timestamp, whole.End));
        var blockEnds = AdoptionSampler.BlockEnds(rows);
        var match = ClockDetector.Detect(rows, AdoptionSampler.SampledRows(rows, [sampled], blockEnds), sample, []);

        var plan = AdoptionPlanner.Plan(rows, blockEnds, match, sample);

        Assert.Equal(0, plan.OpenInsideBlocks);
        Assert.Equal(Market.Truth(whole), plan.Candles);
        Assert.Equal(1, plan.Repairs.DuplicatesRemoved);
        Assert.Equal(0, plan.Repairs.Dropped);
    }

    [Fact]
    public void Plan_DuplicateMinutes_KeepOneRowWithTheExchangesValues()
    {
        var range = Market.Range(0, 1);
        var rows = Market.Truth(range);
        rows.Insert(30, rows[29] with { Volume = 1 });
        var sample = Market.Sample(range);
        var blockEnds = AdoptionSampler.BlockEnds(rows);
        var match = ClockDetector.Detect(rows, AdoptionSampler.SampledRows(rows, [range], blockEnds), sample, []);

        var plan = AdoptionPlanner.Plan(rows, blockEnds, match, sample);

        Assert.Equal(Market.Truth(range), plan.Candles);
        Assert.Equal(1, plan.Repairs.DuplicatesRemoved);
    }

    [Fact]
    public void Plan_MinuteWrittenTwiceWithTheSameValuesOutsideTheSample_IsKeptOnce()
    {
        var rows = Market.Truth(Market.Range(0, 2));
        rows.Insert(100, rows[99]);
        var sampled = Market.Range(0, 1);
        var sample = Market.Sample(sampled, new UtcRange(rows[^1].Timestamp, rows[^1].Timestamp + MinuteTime.OneMinute));
        var blockEnds = AdoptionSampler.BlockEnds(rows);
        var match = ClockDetector.Detect(rows, AdoptionSampler.SampledRows(rows, [sampled], blockEnds), sample, []);

        var plan = AdoptionPlanner.Plan(rows, blockEnds, match, sample);

        Assert.Equal(Market.Truth(Market.Range(0, 2)), plan.Candles);
        Assert.Equal(1, plan.Repairs.DuplicatesRemoved);
        Assert.Equal(0, plan.Repairs.Dropped);
        Assert.True(AdoptionSampler.RepairWindows(rows, blockEnds, SourceClock.Utc).Covers(new UtcRange(rows[^1].Timestamp, rows[^1].Timestamp + MinuteTime.OneMinute)));
        Assert.False(AdoptionSampler.RepairWindows(rows, blockEnds, SourceClock.Utc).Contains(rows[99].Timestamp));
    }

    [Fact]
    public void Plan_RepeatedAutumnHour_IsTakenFromTheExchange()
    {
        var range = Market.Range(20, 30);
        var rows = Market.Written(Market.Truth(range), London);
        var sample = Market.Sample(SourceClock.Widened(range));
        var match = ClockDetector.Detect(rows, Enumerable.Range(0, rows.Count).ToList(), sample, [London]);

        var plan = AdoptionPlanner.Plan(rows, AdoptionSampler.BlockEnds(rows), match, sample);

        Assert.Equal(AdoptionVerdict.LocalTime, plan.Verdict);
        Assert.Equal(Market.Truth(range), plan.Candles);
        Assert.Equal(120, plan.Repairs.DuplicatesRemoved);
    }

    [Fact]
    public void Plan_PartlyWrongFile_KeepsOnlyVerifiedRows()
    {
        var rows = Market.Truth(Market.Range(0, 4));
        rows[10] = rows[10] with { Volume = rows[10].Volume + 5 };
        var sampled = Market.Range(0, 2);
        var sample = Market.Sample(sampled);
        var blockEnds = AdoptionSampler.BlockEnds(rows);
        var match = ClockDetector.Detect(rows, AdoptionSampler.SampledRows(rows, [sampled], blockEnds), sample, []);

        var plan = AdoptionPlanner.Plan(rows, blockEnds, match, sample);

        Assert.Equal(AdoptionVerdict.PartlyWrong, plan.Verdict);
        Assert.Equal(Market.Truth(sampled), plan.Candles);
        Assert.Equal(1, plan.Repairs.Replaced);
        Assert.Equal(120, plan.Repairs.Dropped);
    }

    [Fact]
    public void Plan_RowsOfAnotherMarket_AreUnrecognisableAndNothingIsKept()
    {
        var range = Market.Range(0, 3);
        var rows = Market.Truth(range).Select(c => c with { Open = c.Open * 2, High = c.High * 2, Low = c.Low * 2, Close = c.Close * 2 }).ToList();
        var sample = Market.Sample(SourceClock.Widened(range));
        var match = ClockDetector.Detect(rows, Enumerable.Range(0, rows.Count).ToList(), sample, []);

        var plan = AdoptionPlanner.Plan(rows, AdoptionSampler.BlockEnds(rows), match, sample);

        Assert.Equal(AdoptionVerdict.Unrecognisable, plan.Verdict);
        Assert.Empty(plan.Candles);
        Assert.True(plan.Trusted.IsEmpty);
    }

    [Fact]
    public void Judge_HalfOrFewerMatching_IsUnrecognisable()
    {
        Assert.Equal(AdoptionVerdict.Unrecognisable, AdoptionPlanner.Judge(new ClockMatch(SourceClock.Utc, 5, 10)));
        Assert.Equal(AdoptionVerdict.PartlyWrong, AdoptionPlanner.Judge(new ClockMatch(SourceClock.Utc, 6, 10)));
        Assert.Equal(AdoptionVerdict.Matches, AdoptionPlanner.Judge(new ClockMatch(SourceClock.Utc, 9, 10, Open: 1)));
        Assert.Equal(AdoptionVerdict.Unrecognisable, AdoptionPlanner.Judge(new ClockMatch(SourceClock.Utc, 0, 0)));
    }

    private static Candle Open(Candle closed) => closed with { Close = closed.Open, High = closed.Open, Volume = closed.Volume / 2 };
}
