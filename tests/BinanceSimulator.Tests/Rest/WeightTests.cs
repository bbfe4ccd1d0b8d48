using static BinanceSimulator.Tests.Rest.RunningSimulator;

namespace BinanceSimulator.Tests.Rest;

public sealed class WeightTests
{
    private const string TooManyTail = " Please use the websocket for live updates to avoid bans.";

    [Theory]
    [InlineData("&limit=1", 1)]
    [InlineData("&limit=99", 1)]
    [InlineData("&limit=100", 2)]
    [InlineData("&limit=499", 2)]
    [InlineData("&limit=500", 5)]
    [InlineData("&limit=1000", 5)]
    [InlineData("&limit=1001", 10)]
    [InlineData("&limit=1500", 10)]
    [InlineData("", 5)]
    public async Task Klines_WeighByLimit(string limit, int weight)
    {
        await using var sim = await StartAsync();

        var reply = await sim.KlinesAsync("symbol=BTCUSDT" + limit);

        Assert.Equal(weight.ToString(System.Globalization.CultureInfo.InvariantCulture), reply.Header("x-mbx-used-weight-1m"));
    }

    [Theory]
    [InlineData("fapi/v1/ping")]
    [InlineData("fapi/v1/time")]
    [InlineData("fapi/v1/exchangeInfo")]
    public async Task SimpleEndpoints_WeighOne(string path)
    {
        await using var sim = await StartAsync();

        var reply = await sim.GetAsync(path);

        Assert.Equal("1", reply.Header("x-mbx-used-weight-1m"));
    }

    [Fact]
    public async Task UsedWeightHeader_AccumulatesWithinTheWindow_AndIsSentOnErrors()
    {
        await using var sim = await StartAsync();

        await sim.KlinesAsync("symbol=BTCUSDT&limit=100");
        var error = await sim.KlinesAsync("symbol=NOPEUSDT&limit=100");

        Assert.Equal(400, error.Status);
        Assert.Equal("4", error.Header("x-mbx-used-weight-1m"));
    }

    [Fact]
    public async Task SixSecondWindow_NamesTheHeader6s()
    {
        await using var sim = await StartAsync(o => { o.Rest.WeightLimit = 240; o.Rest.Interval = "SECOND"; o.Rest.IntervalNum = 6; });

        var reply = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal("1", reply.Header("x-mbx-used-weight-6s"));
        Assert.Single(reply.HeaderNames, h => h.StartsWith("x-mbx-used-weight", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Window_TurnsOnTheServerClocksBoundary()
    {
        // Host 00:00:30 + offset 40 s = server 00:01:10; the window ends at server 00:02:00.
        await using var sim = await StartAsync(o => o.ClockOffset = TimeSpan.FromSeconds(40));
        await sim.GetAsync("fapi/v1/ping");

        sim.Time.Advance(TimeSpan.FromMilliseconds(49_999));
        var sameWindow = await sim.GetAsync("fapi/v1/ping");
        sim.Time.Advance(TimeSpan.FromMilliseconds(1));
        var nextWindow = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal("2", sameWindow.Header("x-mbx-used-weight-1m"));
        Assert.Equal("1", nextWindow.Header("x-mbx-used-weight-1m"));
    }

    [Fact]
    public async Task SixSecondWindows_AreAlignedToMultiplesOfSixSeconds()
    {
        // 00:00:30 is a multiple of 6 s since the epoch; the window ends at 00:00:36.
        await using var sim = await StartAsync(o => { o.Rest.WeightLimit = 240; o.Rest.Interval = "SECOND"; o.Rest.IntervalNum = 6; });
        await sim.GetAsync("fapi/v1/ping");

        sim.Time.Advance(TimeSpan.FromMilliseconds(5_999));
        var sameWindow = await sim.GetAsync("fapi/v1/ping");
        sim.Time.Advance(TimeSpan.FromMilliseconds(1));
        var nextWindow = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal("2", sameWindow.Header("x-mbx-used-weight-6s"));
        Assert.Equal("1", nextWindow.Header("x-mbx-used-weight-6s"));
    }

    [Fact]
    public async Task RequestOverTheLimit_Is429WithTheRealBody_AndAddsNoWeight()
    {
        await using var sim = await StartAsync(o => o.Rest.WeightLimit = 10);
        await sim.KlinesAsync("symbol=BTCUSDT");
        await sim.KlinesAsync("symbol=BTCUSDT");

        var refused = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal(429, refused.Status);
        Assert.Equal("""{"code":-1003,"msg":"Too many requests; current limit of IP(127.0.0.1) is 10 requests per minute.""" + TooManyTail + "\"}", refused.Body);
        Assert.Equal("10", refused.Header("x-mbx-used-weight-1m"));
        Assert.Equal(10, sim.Host.Counters.TotalWeight);
    }

    [Fact]
    public async Task TooManyMessage_NamesTheConfiguredWindow()
    {
        await using var sim = await StartAsync(o => { o.Rest.WeightLimit = 1; o.Rest.Interval = "SECOND"; o.Rest.IntervalNum = 6; });
        await sim.GetAsync("fapi/v1/ping");

        var refused = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal("Too many requests; current limit of IP(127.0.0.1) is 1 requests per 6 seconds." + TooManyTail, refused.ErrorMessage);
    }

    [Fact]
    public async Task AfterThree429s_TheNextRequestStartsABan_418UntilItEnds()
    {
        await using var sim = await StartAsync(o => o.Rest.WeightLimit = 1);
        await sim.GetAsync("fapi/v1/ping");
        for (var i = 0; i < 3; i++)
            Assert.Equal(429, (await sim.GetAsync("fapi/v1/ping")).Status);

        var banned = await sim.GetAsync("fapi/v1/ping");

        var until = sim.Host.ServerNow.AddMinutes(2).ToUnixTimeMilliseconds();
        Assert.Equal(418, banned.Status);
        Assert.Equal($$"""{"code":-1003,"msg":"Way too many requests; IP(127.0.0.1) banned until {{until}}.{{TooManyTail}}"}""", banned.Body);
        Assert.NotNull(banned.Header("x-mbx-used-weight-1m"));
    }

    [Fact]
    public async Task Ban_LastsItsDuration_ThenRequestsSucceedAgain()
    {
        await using var sim = await StartAsync(o => o.Rest.BanDuration = TimeSpan.FromMinutes(5));
        sim.Host.Rest.Ban();

        sim.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        var stillBanned = await sim.GetAsync("fapi/v1/ping");
        sim.Time.Advance(TimeSpan.FromMilliseconds(1));
        var free = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal(418, stillBanned.Status);
        Assert.Equal(200, free.Status);
    }

    [Fact]
    public async Task Ban_ComesFromEscalation_AndEndsAfterTheConfiguredLength()
    {
        await using var sim = await StartAsync(o => { o.Rest.WeightLimit = 1; o.Rest.BanAfterTooManyRequests = 1; });
        await sim.GetAsync("fapi/v1/ping");
        await sim.GetAsync("fapi/v1/ping");
        Assert.Equal(418, (await sim.GetAsync("fapi/v1/ping")).Status);

        sim.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(200, (await sim.GetAsync("fapi/v1/ping")).Status);
    }

    [Fact]
    public async Task The429Count_RestartsWithEachWindow()
    {
        await using var sim = await StartAsync(o => o.Rest.WeightLimit = 1);
        await sim.GetAsync("fapi/v1/ping");
        for (var i = 0; i < 3; i++)
            await sim.GetAsync("fapi/v1/ping");

        sim.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(200, (await sim.GetAsync("fapi/v1/ping")).Status);
    }

    [Fact]
    public async Task RetryAfter_IsNotSentByDefault()
    {
        await using var sim = await StartAsync(o => o.Rest.WeightLimit = 1);
        await sim.GetAsync("fapi/v1/ping");

        var refused = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal(429, refused.Status);
        Assert.Null(refused.Header("Retry-After"));
    }

    [Fact]
    public async Task RetryAfter_WhenEnabled_GivesSecondsToTheWindowsEndOn429()
    {
        await using var sim = await StartAsync(o => { o.Rest.WeightLimit = 1; o.Rest.SendRetryAfter = true; });
        await sim.GetAsync("fapi/v1/ping");

        var refused = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal("30", refused.Header("Retry-After"));
    }

    [Fact]
    public async Task RetryAfter_WhenEnabled_GivesSecondsToTheBansEndOn418()
    {
        await using var sim = await StartAsync(o => o.Rest.SendRetryAfter = true);
        sim.Host.Rest.Ban();

        var banned = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal("120", banned.Header("Retry-After"));
    }

    [Fact]
    public async Task ExchangeInfo_AdvertisesTheConfiguredWeightLimit()
    {
        await using var sim = await StartAsync(o => { o.Rest.WeightLimit = 240; o.Rest.Interval = "SECOND"; o.Rest.IntervalNum = 6; });

        var limits = (await sim.GetAsync("fapi/v1/exchangeInfo")).Json.GetProperty("rateLimits").EnumerateArray().ToList();

        Assert.Equal("""{"rateLimitType":"REQUEST_WEIGHT","interval":"SECOND","intervalNum":6,"limit":240}""", limits[0].GetRawText());
        Assert.Equal(["ORDERS", "ORDERS"], limits.Skip(1).Select(l => l.GetProperty("rateLimitType").GetString()));
    }
}
