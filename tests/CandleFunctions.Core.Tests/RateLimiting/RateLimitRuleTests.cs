using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Core.Tests.RateLimiting;

public class RateLimitRuleTests
{
    [Theory]
    [InlineData("MINUTE", 1, 2400, 60_000, "x-mbx-used-weight-1m")]
    [InlineData("SECOND", 6, 100, 6_000, "x-mbx-used-weight-6s")]
    [InlineData("SECOND", 10, 300, 10_000, "x-mbx-used-weight-10s")]
    [InlineData("HOUR", 1, 50_000, 3_600_000, "x-mbx-used-weight-1h")]
    [InlineData("DAY", 1, 160_000, 86_400_000, "x-mbx-used-weight-1d")]
    [InlineData("minute", 5, 6000, 300_000, "x-mbx-used-weight-5m")]
    public void FromExchangeInfo_BuildsWindowAndHeaderName(string interval, int intervalNum, int limit, long windowMs, string header)
    {
        var rule = RateLimitRule.FromExchangeInfo(interval, intervalNum, limit);
        Assert.Equal((limit, TimeSpan.FromMilliseconds(windowMs), header), (rule.Limit, rule.Window, rule.HeaderName));
    }

    [Fact]
    public void FromExchangeInfo_UnknownInterval_ThrowsNamingTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => RateLimitRule.FromExchangeInfo("WEEK", 1, 10));
        Assert.Contains("SECOND, MINUTE, HOUR or DAY", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(10, 0)]
    public void FromExchangeInfo_NonPositiveNumbers_Throw(int intervalNum, int limit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RateLimitRule.FromExchangeInfo("MINUTE", intervalNum, limit));

    [Fact]
    public void Constructor_NonPositiveWindow_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimitRule(10, TimeSpan.Zero));
}
