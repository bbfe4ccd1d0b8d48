using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Core.Planning;

/// <summary>The pure steps of planning one symbol that every host shares: clamp to its trading end, bound by its probed life.</summary>
public static class SymbolSpan
{
    /// <summary>
    /// <paramref name="requested"/> cut at the symbol's trading end (rounded up to a whole minute), or null when it
    /// stopped trading at or before the range starts; the flat candles served after a delisting are not trades.
    /// </summary>
    public static UtcRange? Tradable(UtcRange requested, DateTimeOffset? tradingEnd)
    {
        if (tradingEnd is not { } end)
            return requested;
        var stop = MinuteTime.Ceiling(end);
        if (stop <= requested.Start)
            return null;
        return stop < requested.End ? new UtcRange(requested.Start, stop) : requested;
    }

    /// <summary>[first candle, last candle + 1 minute) from the open times of two probes (Unix ms); the last never precedes the first.</summary>
    public static UtcRange Life(long firstOpenMs, long? lastOpenMs)
    {
        var last = lastOpenMs is { } l ? Math.Max(l, firstOpenMs) : firstOpenMs;
        return new UtcRange(
            DateTimeOffset.FromUnixTimeMilliseconds(firstOpenMs),
            DateTimeOffset.FromUnixTimeMilliseconds(last) + MinuteTime.OneMinute);
    }

    /// <summary>The parts of <paramref name="requested"/> outside the symbol's life: verifiably without candles.</summary>
    public static CoverageSet KnownEmpty(UtcRange requested, UtcRange? life) =>
        life is { } l ? CoverageSet.Of(requested).Subtract(l) : CoverageSet.Of(requested);

    /// <summary>What is still to fetch: the missing minutes that lie inside the symbol's life.</summary>
    public static CoverageSet ToFetch(IEnumerable<UtcRange> missing, UtcRange life) =>
        CoverageSet.Of(missing).Intersect(life);
}
