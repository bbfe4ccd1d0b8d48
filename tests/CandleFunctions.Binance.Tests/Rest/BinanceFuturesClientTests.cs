using BinanceSimulator.Rest;
using BinanceSimulator.Rest.Faults;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Binance.Tests.Rest;

public class BinanceFuturesClientTests
{
    [Fact]
    public async Task GetExchangeInfo_ConfiguresTheGovernorFromRateLimits()
    {
        await using var sandbox = await RestSandbox.StartAsync(r => { r.WeightLimit = 240; r.Interval = "SECOND"; r.IntervalNum = 6; });

        var info = await sandbox.Client.GetExchangeInfoAsync(CancellationToken.None);

        Assert.Equal(240, sandbox.Governor.Rule.Limit);
        Assert.Equal(TimeSpan.FromSeconds(6), sandbox.Governor.Rule.Window);
        Assert.Equal("x-mbx-used-weight-6s", sandbox.Governor.Rule.HeaderName);
        Assert.True(info.Symbols.ContainsKey("BTCUSDT"));
        Assert.False(info.Symbols.ContainsKey("FTTUSDT"));
    }

    [Fact]
    public async Task RefineServerClock_ASlowFirstRoundTrip_GivesWayToTheShortestTimeCall()
    {
        await using var sandbox = await RestSandbox.StartAsync(r => r.Faults.SlowResponseDelay = TimeSpan.FromSeconds(1));
        sandbox.Host.Rest.ForceNext(RestFault.SlowResponse, 1, RestEndpoint.ExchangeInfo);

        await sandbox.Client.GetExchangeInfoAsync(CancellationToken.None);
        // Stamped on arrival, answered a second later: its midpoint puts the server about half a second behind.
        Assert.True(sandbox.Host.ServerNow - sandbox.Governor.ServerNow() > TimeSpan.FromMilliseconds(300));

        await sandbox.Client.RefineServerClockAsync(2, CancellationToken.None);
        Assert.InRange((sandbox.Governor.ServerNow() - sandbox.Host.ServerNow).TotalMilliseconds, -150, 150);
        Assert.Equal(2, sandbox.Host.Counters.Requests(RestEndpoint.Time));
    }

    [Fact]
    public async Task GetKlines_ReturnsTheExchangesCandlesWithTheirExactText()
    {
        await using var sandbox = await RestSandbox.StartAsync();
        var start = RestSandbox.Ms(2026, 11, 2);

        var klines = await sandbox.Client.GetKlinesAsync("BTCUSDT", start, start + 99 * 60_000 - 1, 99, CancellationToken.None);

        var truth = sandbox.Host.Market.ClosedTradedCandles("BTCUSDT",
            new UtcRange(DateTimeOffset.FromUnixTimeMilliseconds(start), DateTimeOffset.FromUnixTimeMilliseconds(start + 99 * 60_000)), sandbox.Host.ServerNow).ToList();
        Assert.Equal(truth.Select(t => t.OpenTime), klines.Select(k => k.OpenTime));
        Assert.Equal(truth.Select(t => t.Close), klines.Select(k => k.Close.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1, sandbox.Host.Counters.TotalWeight);
    }

    [Fact]
    public async Task GetKlines_KeepsQuoteVolumeTradesAndTakerBuyVolumesWithTheirExactText()
    {
        await using var sandbox = await RestSandbox.StartAsync();
        var start = RestSandbox.Ms(2026, 11, 2);

        var klines = await sandbox.Client.GetKlinesAsync("BTCUSDT", start, start + 10 * 60_000 - 1, 10, CancellationToken.None);

        var truth = sandbox.Host.Market.ClosedTradedCandles("BTCUSDT",
            new UtcRange(DateTimeOffset.FromUnixTimeMilliseconds(start), DateTimeOffset.FromUnixTimeMilliseconds(start + 10 * 60_000)), sandbox.Host.ServerNow).ToList();
        static string T(decimal d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            truth.Select(t => (t.QuoteVolume, (long)t.Count, t.TakerBuyVolume, t.TakerBuyQuoteVolume)),
            klines.Select(k => (T(k.Extras!.QuoteVolume), k.Extras.Trades, T(k.Extras.TakerBuyVolume), T(k.Extras.TakerBuyQuoteVolume))));
    }

    [Fact]
    public async Task GetKlines_UnknownSymbol_ThrowsInvalidSymbol()
    {
        await using var sandbox = await RestSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<InvalidSymbolException>(
            () => sandbox.Client.GetKlinesAsync("FTTUSDT", null, null, 10, CancellationToken.None));

        Assert.Equal("FTTUSDT", error.Symbol);
    }

    [Theory]
    [InlineData(RestFault.ServiceUnavailable)]
    [InlineData(RestFault.UnknownError)]
    [InlineData(RestFault.DropConnection)]
    [InlineData(RestFault.TruncatedBody)]
    [InlineData(RestFault.CutBody)]
    [InlineData(RestFault.UndecodableBody)]
    public async Task GetKlines_TransientFault_IsRetriedAndSucceeds(RestFault fault)
    {
        await using var sandbox = await RestSandbox.StartAsync();
        sandbox.Host.Rest.ForceNext(fault, 2, RestEndpoint.Klines);

        var klines = await sandbox.Client.GetKlinesAsync("ETHUSDT", RestSandbox.Ms(2026, 11, 3), null, 50, CancellationToken.None);

        Assert.Equal(50, klines.Count);
        Assert.Equal(2, sandbox.Client.TransientRetries);
    }

    [Fact]
    public async Task GetKlines_SlowResponse_TimesOutAndIsRetried()
    {
        await using var sandbox = await RestSandbox.StartAsync(
            r => r.Faults.SlowResponseDelay = TimeSpan.FromSeconds(20), attemptTimeout: TimeSpan.FromSeconds(2));
        sandbox.Host.Rest.ForceNext(RestFault.SlowResponse, 1, RestEndpoint.Klines);

        var klines = await sandbox.Client.GetKlinesAsync("ETHUSDT", RestSandbox.Ms(2026, 11, 3), null, 20, CancellationToken.None);

        Assert.Equal(20, klines.Count);
        Assert.Equal(1, sandbox.Host.Counters.Faults(RestFault.SlowResponse));
        // At least the slow attempt was retried; a loaded machine may time out a later attempt too.
        Assert.InRange(sandbox.Client.TransientRetries, 1, 3);
    }

    [Fact]
    public async Task TooManyRequests_PausesUntilTheWindowTurnsThenSucceeds()
    {
        await using var sandbox = await RestSandbox.StartAsync(r => { r.WeightLimit = 100; r.Interval = "SECOND"; r.IntervalNum = 1; });
        await sandbox.Client.GetExchangeInfoAsync(CancellationToken.None);
        sandbox.Host.Rest.ForceNext(RestFault.TooManyRequests, 1, RestEndpoint.Klines);

        var klines = await sandbox.Client.GetKlinesAsync("BTCUSDT", RestSandbox.Ms(2026, 11, 3), null, 10, CancellationToken.None);

        Assert.Equal(10, klines.Count);
        Assert.Equal(1, sandbox.Governor.TooManyRequestsCount);
        Assert.Equal(0, sandbox.Host.Counters.Banned);
    }

    [Fact]
    public async Task TooManyRequests_NoRequestLeavesBeforeTheWindowTurns()
    {
        var log = new RequestLog();
        await using var sandbox = await RestSandbox.StartAsync(r => { r.WeightLimit = 100; r.Interval = "SECOND"; r.IntervalNum = 2; }, handler: log);
        await sandbox.Client.GetExchangeInfoAsync(CancellationToken.None);
        log.Seen429 = () => sandbox.Governor.TooManyRequestsCount > 0;
        sandbox.Host.Rest.ForceNext(RestFault.TooManyRequests, 1, RestEndpoint.Klines);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            sandbox.Client.GetKlinesAsync("BTCUSDT", RestSandbox.Ms(2026, 11, 3) + i * 600_000L, null, 10, CancellationToken.None)));

        var tooMany = Assert.Single(log.Entries, e => e.Status == 429);
        // Windows are 2 s, aligned to the clock (the simulator's offset is zero here).
        var windowEnd = DateTimeOffset.FromUnixTimeMilliseconds((tooMany.Answered.ToUnixTimeMilliseconds() / 2000 + 1) * 2000);
        // Requests sent while the 429 was still on the wire could not know of it; every one that left after the
        // client saw it (including those granted before and still queued to send) must wait for the next window.
        var after = log.Entries.Where(e => e.After429).ToList();
        Assert.NotEmpty(after);
        Assert.All(after, e => Assert.True(e.Sent >= windowEnd, $"a request left at {e.Sent:HH:mm:ss.fff}, before the window ended at {windowEnd:HH:mm:ss.fff}"));
    }

    [Fact]
    public async Task Ban_ThrowsIpBannedWithTheBanEndAndBlocksFurtherRequests()
    {
        await using var sandbox = await RestSandbox.StartAsync();
        await sandbox.Client.GetExchangeInfoAsync(CancellationToken.None);
        sandbox.Host.Rest.Ban(TimeSpan.FromMinutes(2));

        var ban = await Assert.ThrowsAsync<IpBannedException>(
            () => sandbox.Client.GetKlinesAsync("BTCUSDT", null, null, 10, CancellationToken.None));

        var serverEnd = sandbox.Host.Rest.BannedUntil!.Value;
        Assert.InRange(ban.Until, serverEnd.AddSeconds(-1), serverEnd.AddSeconds(1));
        Assert.Equal(ban.Until, sandbox.Governor.BannedUntil);
        var requestsBefore = sandbox.Host.Counters.TotalRequests;
        // Until the ban ends, every further request fails at once without being sent.
        var again = await Assert.ThrowsAsync<IpBannedException>(
            () => sandbox.Client.GetKlinesAsync("BTCUSDT", null, null, 10, CancellationToken.None));
        Assert.Equal(ban.Until, again.Until);
        Assert.Equal(requestsBefore, sandbox.Host.Counters.TotalRequests);
    }

    [Fact]
    public async Task WeightSpentByAnotherProcess_IsSeenInTheHeaderAndRespected()
    {
        await using var sandbox = await RestSandbox.StartAsync(r => { r.WeightLimit = 60; r.Interval = "SECOND"; r.IntervalNum = 2; });
        await sandbox.Client.GetExchangeInfoAsync(CancellationToken.None);
        // Another process on the same IP spends most of the window, bypassing our governor.
        for (var i = 0; i < 25; i++)
            await sandbox.Http.GetAsync(new Uri(sandbox.Host.BaseUrl, "fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=100"));

        for (var i = 0; i < 30; i++)
            await sandbox.Client.GetKlinesAsync("BTCUSDT", null, null, 200, CancellationToken.None);

        Assert.Equal(0, sandbox.Host.Counters.TooManyRequests);
        Assert.True(sandbox.Host.Counters.MaxWindowWeight <= 60);
    }

    [Theory]
    [InlineData(RestFault.CutBody)]
    [InlineData(RestFault.TruncatedBody)]
    [InlineData(RestFault.UndecodableBody)]
    public async Task GetExchangeInfo_BodyCutShort_IsRetriedAndSucceeds(RestFault fault)
    {
        await using var sandbox = await RestSandbox.StartAsync();
        sandbox.Host.Rest.ForceNext(fault, 1, RestEndpoint.ExchangeInfo);

        var info = await sandbox.Client.GetExchangeInfoAsync(CancellationToken.None);

        Assert.True(info.Symbols.ContainsKey("BTCUSDT"));
        Assert.Equal(1, sandbox.Client.TransientRetries);
    }

    [Fact]
    public async Task GetKlines_A403WithoutAnExchangeCode_HoldsEveryRequestForThePause_ThenAllSucceed()
    {
        var firewall = new FirewallHandler(1);
        await using var sandbox = await RestSandbox.StartAsync(handler: firewall, firewallPause: TimeSpan.FromMilliseconds(600));

        var pages = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            sandbox.Client.GetKlinesAsync("ETHUSDT", RestSandbox.Ms(2026, 11, 3, hour: i), null, 50, CancellationToken.None)));

        Assert.All(pages, page => Assert.Equal(50, page.Count));
        var log = firewall.Log;
        var refusal = Assert.Single(log, e => e.Status == 403);
        // Nothing left between the refusal's answer and the end of the pause (a little slack for the clock's grain).
        Assert.DoesNotContain(log, e => e.Sent > refusal.Answered && e.Sent < refusal.Answered.AddMilliseconds(550));
        Assert.Equal(0, sandbox.Client.FirewallRefusals);
    }

    [Theory]
    [InlineData(200, "")]
    [InlineData(200, "<html><body>502 Bad Gateway</body></html>")]
    [InlineData(200, "{\"code\":-1000,\"msg\":\"An unknown error occured while processing the request.\"}")]
    [InlineData(200, "[[1762041600000,\"1.0\"")]
    [InlineData(403, "<html><body>Forbidden by proxy</body></html>")]
    public async Task GetKlines_BodyThatDoesNotParse_IsRetriedLikeA5xx(int status, string body)
    {
        await using var sandbox = await RestSandbox.StartAsync(handler: new ProxyBodyHandler(2, (System.Net.HttpStatusCode)status, body));

        var klines = await sandbox.Client.GetKlinesAsync("ETHUSDT", RestSandbox.Ms(2026, 11, 3), null, 50, CancellationToken.None);

        Assert.Equal(50, klines.Count);
        Assert.Equal(2, sandbox.Client.TransientRetries);
    }

    [Fact]
    public async Task GetExchangeInfo_ErrorObjectWhereTheDocumentBelongs_IsRetried()
    {
        await using var sandbox = await RestSandbox.StartAsync(handler: new ProxyBodyHandler(1, System.Net.HttpStatusCode.OK, "{\"code\":-1001,\"msg\":\"Internal error\"}"));

        var info = await sandbox.Client.GetExchangeInfoAsync(CancellationToken.None);

        Assert.True(info.Symbols.ContainsKey("BTCUSDT"));
        Assert.Equal(1, sandbox.Client.TransientRetries);
    }

    [Fact]
    public async Task Restart_InAWindowAnotherProcessFilled_TheFirstResponsesHeaderHoldsItBackWithoutA429()
    {
        // 240 per six seconds, like the restart scenario: an earlier (killed) process left 200 in the window.
        await using var sandbox = await RestSandbox.StartAsync(r => { r.WeightLimit = 240; r.Interval = "SECOND"; r.IntervalNum = 6; });
        for (var i = 0; i < 40; i++)
            await sandbox.Http.GetAsync(new Uri(sandbox.Host.BaseUrl, "fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=500"));

        await sandbox.Client.GetExchangeInfoAsync(CancellationToken.None);
        for (var i = 0; i < 30; i++)
            await sandbox.Client.GetKlinesAsync("BTCUSDT", null, null, 200, CancellationToken.None);

        Assert.Equal(0, sandbox.Host.Counters.TooManyRequests);
        Assert.True(sandbox.Host.Counters.MaxWindowWeight <= 240);
    }
}
