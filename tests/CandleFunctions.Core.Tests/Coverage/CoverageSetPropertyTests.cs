using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CsCheck;

namespace CandleFunctions.Core.Tests.Coverage;

/// <summary>Checks every set operation against a brute-force model: one bool per minute.</summary>
public class CoverageSetPropertyTests
{
    private const int Horizon = 200;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<UtcRange> GenRange =
        Gen.Select(Gen.Int[0, Horizon - 1], Gen.Int[1, 40], (start, length) =>
            R(start, Math.Min(Horizon, start + length)));

    private static readonly Gen<UtcRange[]> GenRanges = GenRange.Array[0, 8];

    private static readonly Gen<(UtcRange[] A, UtcRange[] B)> GenPair = Gen.Select(GenRanges, GenRanges);

    private static UtcRange R(int startMinute, int endMinute) => new(T0.AddMinutes(startMinute), T0.AddMinutes(endMinute));

    private static bool[] Bitmap(IEnumerable<UtcRange> ranges)
    {
        var bits = new bool[Horizon];
        foreach (var r in ranges)
        {
            for (var m = (int)(r.Start - T0).TotalMinutes; m < (int)(r.End - T0).TotalMinutes; m++)
                bits[m] = true;
        }
        return bits;
    }

    private static bool[] Combine(bool[] a, bool[] b, Func<bool, bool, bool> op) =>
        a.Zip(b, op).ToArray();

    private static void AssertNormalised(CoverageSet set)
    {
        for (var i = 1; i < set.Ranges.Length; i++)
            Assert.True(set.Ranges[i - 1].End < set.Ranges[i].Start, $"ranges {i - 1} and {i} touch or overlap in {set}");
    }

    private static void AssertModel(bool[] expected, CoverageSet actual)
    {
        AssertNormalised(actual);
        Assert.Equal(expected, Bitmap(actual.Ranges));
    }

    [Fact]
    public void Of_CoversExactlyTheUnionOfItsInputs_AndIsNormalised() =>
        GenRanges.Sample(ranges => AssertModel(Bitmap(ranges), CoverageSet.Of(ranges)));

    [Fact]
    public void Of_IsCanonical_SoEqualSetsAreEqual() =>
        GenRanges.Sample(ranges =>
        {
            var set = CoverageSet.Of(ranges);
            var rebuilt = CoverageSet.Of(ranges.Reverse().Concat(set.Ranges));
            Assert.Equal(set, rebuilt);
            Assert.Equal(set.GetHashCode(), rebuilt.GetHashCode());
        });

    [Fact]
    public void Union_MatchesModel() =>
        GenPair.Sample(p => AssertModel(
            Combine(Bitmap(p.A), Bitmap(p.B), (x, y) => x || y),
            CoverageSet.Of(p.A).Union(CoverageSet.Of(p.B))));

    [Fact]
    public void UnionWithRange_MatchesModel() =>
        Gen.Select(GenRanges, GenRange).Sample((ranges, range) => AssertModel(
            Combine(Bitmap(ranges), Bitmap([range]), (x, y) => x || y),
            CoverageSet.Of(ranges).Union(range)));

    [Fact]
    public void Intersect_MatchesModel() =>
        GenPair.Sample(p => AssertModel(
            Combine(Bitmap(p.A), Bitmap(p.B), (x, y) => x && y),
            CoverageSet.Of(p.A).Intersect(CoverageSet.Of(p.B))));

    [Fact]
    public void IntersectWithRange_MatchesModel() =>
        Gen.Select(GenRanges, GenRange).Sample((ranges, window) => AssertModel(
            Combine(Bitmap(ranges), Bitmap([window]), (x, y) => x && y),
            CoverageSet.Of(ranges).Intersect(window)));

    [Fact]
    public void Subtract_MatchesModel() =>
        GenPair.Sample(p => AssertModel(
            Combine(Bitmap(p.A), Bitmap(p.B), (x, y) => x && !y),
            CoverageSet.Of(p.A).Subtract(CoverageSet.Of(p.B))));

    [Fact]
    public void SubtractRange_MatchesModel() =>
        Gen.Select(GenRanges, GenRange).Sample((ranges, cut) => AssertModel(
            Combine(Bitmap(ranges), Bitmap([cut]), (x, y) => x && !y),
            CoverageSet.Of(ranges).Subtract(cut)));

    [Fact]
    public void Covers_MatchesModel() =>
        Gen.Select(GenRanges, GenRange).Sample((ranges, range) =>
        {
            var bits = Bitmap(ranges);
            var expected = Bitmap([range]).Select((inRange, m) => !inRange || bits[m]).All(ok => ok);
            Assert.Equal(expected, CoverageSet.Of(ranges).Covers(range));
        });

    [Fact]
    public void Contains_MatchesModel() =>
        Gen.Select(GenRanges, Gen.Int[0, Horizon - 1], Gen.Int[0, 59]).Sample((ranges, minute, second) =>
            Assert.Equal(Bitmap(ranges)[minute], CoverageSet.Of(ranges).Contains(T0.AddMinutes(minute).AddSeconds(second))));

    [Fact]
    public void Duration_IsTheNumberOfCoveredMinutes() =>
        GenRanges.Sample(ranges =>
            Assert.Equal(Bitmap(ranges).Count(b => b), (int)CoverageSet.Of(ranges).Duration.TotalMinutes));

    [Fact]
    public void SubtractThenUnion_RestoresTheUnion() =>
        GenPair.Sample(p =>
        {
            var a = CoverageSet.Of(p.A);
            var b = CoverageSet.Of(p.B);
            Assert.Equal(a.Union(b), a.Subtract(b).Union(b));
            Assert.True(a.Subtract(b).Intersect(b).IsEmpty);
        });
}
