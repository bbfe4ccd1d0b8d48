using BinanceSimulator.Market;
using CandleFunctions.Core.Candles;

namespace BinanceSimulator.Tests.Market;

public class SimulatedMarketTests
{
    private readonly SimulatedMarket _market = DefaultUniverse.Create();

    [Fact]
    public void Prices_AreDeterministicAcrossInstances()
    {
        var other = DefaultUniverse.Create();
        var btc = _market.Find("BTCUSDT")!;
        var t = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(_market.Serve(btc, t, now), other.Serve(other.Find("BTCUSDT")!, t, now));
    }

    [Fact]
    public void ClosedTradedCandles_SkipOutagesAndStopAtDelisting()
    {
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var outage = new UtcRange(new DateTimeOffset(2026, 11, 10, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 10, 4, 0, 0, TimeSpan.Zero));
        Assert.Equal(120 - 45, _market.ClosedTradedCandles("BTCUSDT", outage, now).Count());

        var delist = new UtcRange(new DateTimeOffset(2026, 11, 15, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 15, 10, 0, 0, TimeSpan.Zero));
        var bnx = _market.ClosedTradedCandles("BNXUSDT", delist, now).ToList();
        Assert.Equal(60, bnx.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 15, 8, 59, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), bnx[^1].OpenTime);
    }
}
