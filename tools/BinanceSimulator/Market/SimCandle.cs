using System.Globalization;

namespace BinanceSimulator.Market;

/// <summary>One kline as the exchange serves it; decimal values are pre-formatted to the symbol's precision.</summary>
public sealed record SimCandle(
    long OpenTime,
    string Open,
    string High,
    string Low,
    string Close,
    string Volume,
    long CloseTime,
    string QuoteVolume,
    int Count,
    string TakerBuyVolume,
    string TakerBuyQuoteVolume,
    bool IsClosed)
{
    /// <summary>The 12 columns of an archive CSV row (and of a REST kline, less JSON typing).</summary>
    public string ToArchiveCsvRow() => string.Join(',',
        OpenTime.ToString(CultureInfo.InvariantCulture), Open, High, Low, Close, Volume,
        CloseTime.ToString(CultureInfo.InvariantCulture), QuoteVolume, Count.ToString(CultureInfo.InvariantCulture),
        TakerBuyVolume, TakerBuyQuoteVolume, "0");
}
