using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Core.Adoption;

/// <summary>
/// The exchange's own closed candles over some windows: <see cref="Known"/> are the minutes it answered for (a known
/// minute without a candle is one the exchange has none for).
/// </summary>
public sealed class ExchangeSample
{
    private readonly Dictionary<DateTimeOffset, Candle> _candles;

    public ExchangeSample(IEnumerable<Candle> candles, CoverageSet known)
    {
        ArgumentNullException.ThrowIfNull(candles);
        Known = known ?? throw new ArgumentNullException(nameof(known));
        _candles = new Dictionary<DateTimeOffset, Candle>();
        foreach (var candle in candles)
        {
            if (Covers(known, candle.Timestamp))
                _candles[candle.Timestamp] = candle;
        }
    }

    /// <summary>Nothing known.</summary>
    public static ExchangeSample None { get; } = new([], CoverageSet.Empty);

    /// <summary>The minutes the exchange answered for.</summary>
    public CoverageSet Known { get; }

    /// <summary>Candles in the sample.</summary>
    public int Count => _candles.Count;

    /// <summary>The exchange's candle at <paramref name="minute"/>, if it has one.</summary>
    public Candle? At(DateTimeOffset minute) => _candles.GetValueOrDefault(minute);

    /// <summary>True when the exchange answered for <paramref name="minute"/> (with a candle or without).</summary>
    public bool Knows(DateTimeOffset minute) => _candles.ContainsKey(minute) || Covers(Known, minute);

    // Binary search: a sample holds a range per checked block end, and every stored row is looked up.
    private static bool Covers(CoverageSet set, DateTimeOffset minute)
    {
        var ranges = set.Ranges;
        int lo = 0, hi = ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (minute < ranges[mid].Start)
                hi = mid - 1;
            else if (minute >= ranges[mid].End)
                lo = mid + 1;
            else
                return true;
        }
        return false;
    }

    /// <summary>This sample and <paramref name="other"/> together.</summary>
    public ExchangeSample With(ExchangeSample other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ExchangeSample(_candles.Values.Concat(other._candles.Values), Known.Union(other.Known));
    }
}
