using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Planning;

namespace CandleFunctions.Activities;

/// <summary>Keeps the klines of a page that are whole-minute, inside the page, and closed on the exchange's clock (as the CLI does).</summary>
public static class KlineFilter
{
    /// <summary>The page's closed candles, in the exchange's order.</summary>
    public static IReadOnlyList<Candle> ClosedCandles(string symbol, KlinePage page, IEnumerable<Kline> klines, DateTimeOffset serverNow) =>
        klines
            .Where(k => page.Range.Contains(k.OpenTimeUtc) && k.OpenTime % 60_000 == 0)
            .Where(k => DateTimeOffset.FromUnixTimeMilliseconds(k.CloseTime) < serverNow)
            .Select(k => k.ToCandle(symbol))
            .ToList();
}
