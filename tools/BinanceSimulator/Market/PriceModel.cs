using System.Globalization;

namespace BinanceSimulator.Market;

/// <summary>
/// Deterministic prices: every value is a pure function of (symbol, open time), so any two runs,
/// and REST and archive, agree on every candle without storing any.
/// </summary>
public static class PriceModel
{
    private const long MinuteMs = 60_000;

    /// <summary>A traded candle. <paramref name="fractionElapsed"/> below 1 gives the still-moving open candle.</summary>
    public static SimCandle Traded(SimSymbol symbol, long openTime, double fractionElapsed = 1.0)
    {
        var open = PriceAt(symbol, openTime);
        var fullClose = PriceAt(symbol, openTime + MinuteMs);
        var closed = fractionElapsed >= 1.0;
        var close = closed ? fullClose : open + (fullClose - open) * (decimal)fractionElapsed;
        var wiggle = 1m + (decimal)(Unit(symbol.Symbol, openTime, 3) * 0.0015);
        var high = Math.Max(open, close) * wiggle;
        var low = Math.Min(open, close) / wiggle;
        var fullVolume = (decimal)(0.5 + Unit(symbol.Symbol, openTime, 4) * 200.0) * 1000m / Math.Max(symbol.BasePrice, 0.0001m);
        var volume = Round(fullVolume * (decimal)Math.Min(1.0, fractionElapsed), symbol.QuantityPrecision);
        var takerVolume = Round(volume * (decimal)(0.3 + Unit(symbol.Symbol, openTime, 5) * 0.4), symbol.QuantityPrecision);
        var p = symbol.PricePrecision;
        var closeR = Round(close, p);
        return new SimCandle(
            openTime,
            Format(Round(open, p), p),
            Format(Math.Max(Round(high, p), Math.Max(Round(open, p), closeR)), p),
            Format(Math.Min(Round(low, p), Math.Min(Round(open, p), closeR)), p),
            Format(closeR, p),
            Format(volume, symbol.QuantityPrecision),
            openTime + MinuteMs - 1,
            Format(Round(volume * closeR, p + 4), p + 4),
            volume == 0 ? 0 : 1 + (int)(Unit(symbol.Symbol, openTime, 6) * 900),
            Format(takerVolume, symbol.QuantityPrecision),
            Format(Round(takerVolume * closeR, p + 4), p + 4),
            closed);
    }

    /// <summary>A flat, zero-volume candle at <paramref name="price"/>, as served after a delisting.</summary>
    public static SimCandle Flat(SimSymbol symbol, long openTime, string price) =>
        new(openTime, price, price, price, price, Format(0m, symbol.QuantityPrecision), openTime + MinuteMs - 1,
            Format(0m, symbol.PricePrecision + 4), 0, Format(0m, symbol.QuantityPrecision), Format(0m, symbol.PricePrecision + 4), true);

    private static decimal PriceAt(SimSymbol symbol, long instantMs)
    {
        var minutes = instantMs / (double)MinuteMs;
        var seed = Hash(symbol.Symbol, 0, 0) % 10_000 / 10_000.0 * Math.PI * 2;
        var drift = 0.25 * Math.Sin(minutes / 43_200.0 + seed)
                    + 0.05 * Math.Sin(minutes / 1_440.0 + seed * 2)
                    + 0.01 * Math.Sin(minutes / 37.0 + seed * 3)
                    + 0.002 * (Unit(symbol.Symbol, instantMs - instantMs % MinuteMs, 1) - 0.5);
        return symbol.BasePrice * (decimal)Math.Exp(drift);
    }

    private static double Unit(string symbol, long openTime, int salt) => Hash(symbol, openTime, salt) % 1_000_000 / 1_000_000.0;

    private static ulong Hash(string symbol, long openTime, int salt)
    {
        // FNV-1a over the symbol, then SplitMix64 over time and salt: stable across processes and platforms.
        var h = 14695981039346656037UL;
        foreach (var c in symbol)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        var z = h ^ (ulong)openTime ^ ((ulong)salt << 56);
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);

    private static string Format(decimal value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
