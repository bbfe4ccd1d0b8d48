using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Core.Planning;
using CandleFunctions.Core.RateLimiting;
using CsCheck;

namespace CandleFunctions.Core.Tests.Planning;

public class KlinePagerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static UtcRange R(long startMinute, long endMinute) => new(T0.AddMinutes(startMinute), T0.AddMinutes(endMinute));

    private static readonly Gen<UtcRange> GenRange =
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[1, 20_000], (start, length) => R(start, start + length));

    [Fact]
    public void Pages_FullPagesThenATailSizedToWhatIsLeft()
    {
        var pages = KlinePager.Pages(R(0, 1000)).ToList();
        Assert.Equal([R(0, 499), R(499, 998), R(998, 1000)], pages.Select(p => p.Range));
        Assert.Equal([499, 499, 2], pages.Select(p => p.Limit));
        Assert.Equal([2, 2, 1], pages.Select(p => p.Weight));
    }

    [Fact]
    public void Pages_TailOfAtLeast100Minutes_CostsWeight2()
    {
        var tail = KlinePager.Pages(R(0, 499 + 150)).Last();
        Assert.Equal((150, 2), (tail.Limit, tail.Weight));
    }

    [Fact]
    public void Page_EndTimeIsInclusiveOnOpenTime()
    {
        var page = KlinePager.Pages(R(0, 3)).Single();
        Assert.Equal(T0.ToUnixTimeMilliseconds(), page.StartTimeMs);
        Assert.Equal(T0.AddMinutes(3).ToUnixTimeMilliseconds() - 1, page.EndTimeMs);
    }

    [Fact]
    public void Pages_RangeNotOnWholeMinutes_Throws() =>
        Assert.Throws<ArgumentException>(() => KlinePager.Pages(new UtcRange(T0.AddSeconds(30), T0.AddMinutes(5))).ToList());

    [Theory]
    [InlineData(0)]
    [InlineData(1501)]
    public void Pages_PageSizeOutOfRange_Throws(int pageSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KlinePager.Pages(R(0, 5), pageSize).ToList());

    [Fact]
    public void Pages_OfCoverageSet_PagesEachRangeInOrder()
    {
        var pages = KlinePager.Pages(CoverageSet.Of(R(600, 610), R(0, 500))).ToList();
        Assert.Equal([R(0, 499), R(499, 500), R(600, 610)], pages.Select(p => p.Range));
    }

    [Fact]
    public void Pages_TileTheRangeExactly() =>
        Gen.Select(GenRange, Gen.Int[1, KlineWeights.MaxLimit]).Sample((range, pageSize) =>
        {
            var pages = KlinePager.Pages(range, pageSize).ToList();
            Assert.Equal(range.Start, pages[0].Range.Start);
            Assert.Equal(range.End, pages[^1].Range.End);
            for (var i = 1; i < pages.Count; i++)
                Assert.Equal(pages[i - 1].Range.End, pages[i].Range.Start);
        });

    [Fact]
    public void Pages_LimitCoversTheMinutes_AndWeightFollowsTheLimit() =>
        Gen.Select(GenRange, Gen.Int[1, KlineWeights.MaxLimit]).Sample((range, pageSize) =>
        {
            foreach (var page in KlinePager.Pages(range, pageSize))
            {
                Assert.InRange(page.Limit, page.Range.Minutes, pageSize);
                Assert.Equal(KlineWeights.ForLimit(page.Limit), page.Weight);
                if (page.Range.Minutes < 100)
                    Assert.Equal(1, page.Weight);
            }
        });

    // A tail page costs up to 2 more than its share; that is amortised once the range holds
    // about 400 full pages (499k + 100 minutes needs k + 100 >= 498), i.e. from about 139 days.
    [Fact]
    public void Pages_OfALongRange_YieldAtLeast249CandlesPerWeight() =>
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[400 * 499, 2_000_000]).Sample((start, length) =>
        {
            var pages = KlinePager.Pages(R(start, start + length)).ToList();
            Assert.True(length / (double)pages.Sum(p => p.Weight) >= 249);
        }, iter: 20);
}
