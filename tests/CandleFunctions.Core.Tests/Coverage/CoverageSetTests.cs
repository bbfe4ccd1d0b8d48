using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Core.Tests.Coverage;

public class CoverageSetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static UtcRange R(int startMinute, int endMinute) => new(T0.AddMinutes(startMinute), T0.AddMinutes(endMinute));

    [Fact]
    public void Of_MergesOverlappingAndAdjacentRanges()
    {
        var set = CoverageSet.Of(R(10, 20), R(0, 5), R(5, 8), R(15, 30));
        Assert.Equal([R(0, 8), R(10, 30)], set.Ranges.ToArray());
    }

    [Fact]
    public void Subtract_LeavesHolesBeforeInsideAndAfter()
    {
        var requested = CoverageSet.Of(R(0, 100));
        var covered = CoverageSet.Of(R(10, 20), R(30, 40));
        Assert.Equal([R(0, 10), R(20, 30), R(40, 100)], requested.Subtract(covered).Ranges.ToArray());
    }

    [Fact]
    public void Covers_IsFalseWhenAnyMinuteIsMissing()
    {
        var set = CoverageSet.Of(R(0, 10), R(11, 20));
        Assert.False(set.Covers(R(0, 20)));
        Assert.True(set.Covers(R(11, 15)));
    }
}
