using System.Text.Json;
using static BinanceSimulator.Tests.Rest.RunningSimulator;

namespace BinanceSimulator.Tests.Rest;

/// <summary>The default universe's special cases, as a client sees them through REST.</summary>
public sealed class SpecialSymbolsTests : IAsyncLifetime
{
    private RunningSimulator _sim = null!;
    private Dictionary<string, JsonElement> _info = null!;

    public async Task InitializeAsync()
    {
        _sim = await StartAsync();
        var reply = await _sim.GetAsync("fapi/v1/exchangeInfo");
        _info = reply.Json.GetProperty("symbols").EnumerateArray().ToDictionary(s => s.GetProperty("symbol").GetString()!);
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Theory]
    [InlineData("NEWCOINUSDT", "2026-11-20 08:30:00")]
    [InlineData("KAITOUSDT", "2025-02-20 09:00:00")]
    public async Task LateListing_HasNoCandlesBeforeItsListing(string symbol, string listing)
    {
        var before = await _sim.KlinesAsync($"symbol={symbol}&endTime={Ms(listing) - 1}&limit=10");
        var around = await _sim.KlinesAsync($"symbol={symbol}&startTime={Ms(listing) - 3_600_000}&limit=3");

        Assert.Empty(before.Rows);
        Assert.Equal(Ms(listing), around.OpenTimes[0]);
        Assert.Equal(Ms(listing), _info[symbol].GetProperty("onboardDate").GetInt64());
    }

    [Fact]
    public async Task Relisted_OnboardDateIsEarlierThanItsFirstCandle()
    {
        var onboard = _info["OMGUSDT"].GetProperty("onboardDate").GetInt64();

        var reply = await _sim.KlinesAsync($"symbol=OMGUSDT&startTime={onboard}&limit=1");

        Assert.Equal(Ms("2026-10-01 12:00:00"), reply.OpenTimes[0]);
        Assert.True(onboard < reply.OpenTimes[0]);
    }

    [Fact]
    public void DelistedInRange_IsSettlingWithDeliveryDateAtTheDelisting()
    {
        Assert.Equal("SETTLING", _info["BNXUSDT"].GetProperty("status").GetString());
        Assert.Equal(Ms("2026-11-15 09:00:00"), _info["BNXUSDT"].GetProperty("deliveryDate").GetInt64());
    }

    [Fact]
    public async Task DelistedInRange_ServesFlatZeroVolumeCandlesAfterTheDelisting()
    {
        var rows = (await _sim.KlinesAsync($"symbol=BNXUSDT&startTime={Ms("2026-11-15 08:58:00")}&limit=4")).Rows;

        var lastClose = rows[1][4].GetString();
        Assert.NotEqual(0, rows[1][8].GetInt32());
        Assert.All(rows.Skip(2), row =>
        {
            Assert.All(new[] { 1, 2, 3, 4 }, i => Assert.Equal(lastClose, row[i].GetString()));
            Assert.Equal(0m, decimal.Parse(row[5].GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(0, row[8].GetInt32());
        });
    }

    [Fact]
    public async Task DelistedLongAgo_IsAbsentFromExchangeInfo_AndKlinesSayInvalidSymbol()
    {
        var reply = await _sim.KlinesAsync($"symbol=FTTUSDT&startTime={Ms("2022-01-01 00:00:00")}");

        Assert.False(_info.ContainsKey("FTTUSDT"));
        Assert.Equal(-1121, reply.ErrorCode);
    }

    [Fact]
    public async Task Quarterly_IsListedWithItsDeliveryDate_AndServesCandles()
    {
        var info = _info["BTCUSDT_261225"];
        var reply = await _sim.KlinesAsync("symbol=BTCUSDT_261225&limit=2");

        Assert.Equal("CURRENT_QUARTER", info.GetProperty("contractType").GetString());
        Assert.Equal("BTCUSDT", info.GetProperty("pair").GetString());
        Assert.Equal(Ms("2026-12-25 08:00:00"), info.GetProperty("deliveryDate").GetInt64());
        Assert.Equal(2, reply.Rows.Count);
    }

    [Fact]
    public async Task PendingTrading_IsListedButHasNoCandles()
    {
        var reply = await _sim.KlinesAsync("symbol=XEMUSDT");

        Assert.Equal("PENDING_TRADING", _info["XEMUSDT"].GetProperty("status").GetString());
        Assert.Equal(200, reply.Status);
        Assert.Equal("[]", reply.Body);
    }

    [Fact]
    public async Task UsdcMargined_HasUsdcQuoteAndMargin_AndServesCandles()
    {
        var info = _info["BTCUSDC"];
        var reply = await _sim.KlinesAsync("symbol=BTCUSDC&limit=2");

        Assert.Equal("USDC", info.GetProperty("quoteAsset").GetString());
        Assert.Equal("USDC", info.GetProperty("marginAsset").GetString());
        Assert.Equal(2, reply.Rows.Count);
    }

    [Fact]
    public async Task TradFiPerpetual_IsACommodityPerpetual_AndServesCandles()
    {
        var info = _info["XAUUSDT"];
        var reply = await _sim.KlinesAsync("symbol=XAUUSDT&limit=2");

        Assert.Equal("TRADIFI_PERPETUAL", info.GetProperty("contractType").GetString());
        Assert.Equal("COMMODITY", info.GetProperty("underlyingType").GetString());
        Assert.Equal(2, reply.Rows.Count);
    }

    [Fact]
    public void ExchangeInfo_ListsExactlyTheSymbolsStillInExchangeInfo()
    {
        var expected = _sim.Host.Market.Symbols.Where(s => s.InExchangeInfo).Select(s => s.Symbol).Order(StringComparer.Ordinal);

        Assert.Equal(expected, _info.Keys.Order(StringComparer.Ordinal));
    }
}
