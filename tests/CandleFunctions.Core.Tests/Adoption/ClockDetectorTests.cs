using CandleFunctions.Core.Adoption;

namespace CandleFunctions.Core.Tests.Adoption;

public class ClockDetectorTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");

    [Theory]
    [InlineData(0)]
    [InlineData(330)] // Asia/Kolkata
    [InlineData(345)] // Asia/Kathmandu
    [InlineData(-570)] // Pacific/Marquesas
    [InlineData(840)] // Pacific/Kiritimati
    public void Detect_RowsWrittenAtAConstantOffset_FindsThatOffsetAndEveryRowMatches(int minutes)
    {
        var range = Market.Range(20, 26);
        var rows = Market.Written(Market.Truth(range), offset: TimeSpan.FromMinutes(minutes));

        var match = ClockDetector.Detect(rows, Indices(rows), Market.Sample(SourceClock.Widened(range)), []);

        Assert.Equal(TimeSpan.FromMinutes(minutes), match.Clock.Offset);
        Assert.Null(match.Clock.Zone);
        Assert.True(match.All);
        Assert.Equal(rows.Count, match.Compared);
    }

    [Fact]
    public void Detect_RowsCrossingTheAutumnChange_FindsAZoneWithThoseRulesAndSkipsTheRepeatedHour()
    {
        // Clocks in London went back at 01:00 UTC on 25 October 2026.
        var range = Market.Range(12, 36);
        var rows = Market.Written(Market.Truth(range), London);

        var match = ClockDetector.Detect(rows, Indices(rows), Market.Sample(SourceClock.Widened(range)), [London, Sydney]);

        Assert.Same(London, match.Clock.Zone);
        Assert.True(match.All);
        Assert.Equal(rows.Count - 120, match.Compared); // local 01:00-01:59 was written twice: both copies are ambiguous
    }

    [Theory]
    [InlineData("Australia/Sydney", "Australia/Melbourne")]
    [InlineData("Australia/Melbourne", "Australia/Sydney")]
    public void Detect_ZonesWithTheSameRules_ReportsTheFirstGiven(string first, string second)
    {
        // Sydney's clocks went forward at 16:00 UTC on 3 October 2026; Melbourne's (and Macquarie's) did too.
        var range = Market.Range(-500, -476);
        var rows = Market.Written(Market.Truth(range), Sydney);
        TimeZoneInfo[] zones = [TimeZoneInfo.FindSystemTimeZoneById(first), TimeZoneInfo.FindSystemTimeZoneById(second), TimeZoneInfo.FindSystemTimeZoneById("Antarctica/Macquarie")];

        var match = ClockDetector.Detect(rows, Indices(rows), Market.Sample(SourceClock.Widened(range)), zones);

        Assert.True(match.All);
        Assert.Equal(first, match.Clock.Zone?.Id);
    }

    [Fact]
    public void Detect_WithAForcedClock_ScoresOnlyThatClock()
    {
        var range = Market.Range(0, 6);
        var rows = Market.Written(Market.Truth(range), offset: TimeSpan.FromHours(11));

        var match = ClockDetector.Detect(rows, Indices(rows), Market.Sample(SourceClock.Widened(range)), [], SourceClock.Utc);

        Assert.True(match.Clock.IsUtc);
        Assert.Equal(0, match.Matched);
    }

    [Fact]
    public void Score_PandasFloatTextOfTheSameValue_Matches()
    {
        var truth = Market.At(Market.T0);
        var pandas = truth with { Open = decimal.Parse("86000.0", System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(86_000.00m, truth.Open);
        Assert.True(ClockDetector.SameValues(pandas, truth));
    }

    [Fact]
    public void IsOpenCandleOf_PartialVolumeAndCloseInsideTheRange_IsTrueButMoreVolumeIsNot()
    {
        var closed = Market.At(Market.T0);
        var open = closed with { Close = closed.Open, High = closed.Open, Low = closed.Open, Volume = closed.Volume - 1 };

        Assert.True(ClockDetector.IsOpenCandleOf(open, closed));
        Assert.False(ClockDetector.IsOpenCandleOf(closed with { Volume = closed.Volume + 1 }, closed));
        Assert.False(ClockDetector.IsOpenCandleOf(open with { Open = closed.Open + 1 }, closed));
    }

    private static List<int> Indices(List<Core.Candles.Candle> rows) => Enumerable.Range(0, rows.Count).ToList();
}
