using CandleFunctions.Core.Candles;

namespace CandleFunctions.Binance.Rest;

/// <summary>One kline row as the exchange sent it (the fields this tool keeps; <paramref name="Extras"/> when the row had them).</summary>
public sealed record Kline(long OpenTime, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume, long CloseTime, KlineExtras? Extras = null)
{
    public DateTimeOffset OpenTimeUtc => DateTimeOffset.FromUnixTimeMilliseconds(OpenTime);

    public Candle ToCandle(string symbol) => new(symbol, OpenTimeUtc, Open, High, Low, Close, Volume) { Extras = Extras };
}
