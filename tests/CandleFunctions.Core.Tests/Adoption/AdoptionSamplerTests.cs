using CandleFunctions.Core.Adoption;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Core.Tests.Adoption;

public class AdoptionSamplerTests
{
    [Fact]
    public void BlockEnds_AreTheLastRowBeforeEveryGapAndTheLastRow()
    {
        var rows = Market.Truth(Market.Range(0, 1)).Where((_, i) => i is < 10 or > 20).ToList();

        Assert.Equal([9, rows.Count - 1], AdoptionSampler.BlockEnds(rows));
    }

    [Fact]
    public void SampleWindows_CoverTheStartTheEndAndTheEndOfTheLatestBlocks_WithTheLastRowsWindowLast()
    {
        var rows = Market.Truth(Market.Range(0, 24 * 30)).Where(c => c.Timestamp.Day != 10).ToList();
        var blockEnds = AdoptionSampler.BlockEnds(rows);

        var windows = AdoptionSampler.SampleWindows(rows, blockEnds);

        Assert.Contains(windows, w => w.Contains(rows[0].Timestamp));
        Assert.True(windows[^1].Contains(rows[^1].Timestamp));
        Assert.Contains(windows, w => w.Contains(rows[blockEnds[0]].Timestamp));
        Assert.All(windows, w => Assert.True(w.Duration <= TimeSpan.FromHours(6)));
        Assert.InRange(windows.Count, 4, 9);
    }

    [Fact]
    public void RepairWindows_HoldBlockEndsRepeatedMinutesAndBothReadingsOfARepeatedLocalHour()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var rows = Market.Written(Market.Truth(Market.Range(24, 26)), london);
        var clock = SourceClock.InZone(london);

        var windows = AdoptionSampler.RepairWindows(rows, AdoptionSampler.BlockEnds(rows), clock);

        // 00:00-01:59 UTC was written as 01:00-01:59 twice; the last row is 01:59 UTC.
        Assert.True(windows.Covers(Market.Range(24, 26)));
        Assert.Equal(TimeSpan.FromHours(2), windows.Duration);
    }

    [Fact]
    public void SourceClock_ReadsAmbiguousLocalTimesAsUnknown()
    {
        var clock = SourceClock.InZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

        Assert.False(clock.TryToUtc(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero), out _));
        Assert.True(clock.TryToUtc(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.Zero), out var utc));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.Zero), utc);
        Assert.Equal("UTC+05:30", SourceClock.FixedOffset(TimeSpan.FromMinutes(330)).ToString());
        Assert.Equal(113, SourceClock.AllOffsets().Count());
    }
}
