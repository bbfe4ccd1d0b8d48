using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Core.Planning;

/// <summary>
/// The first and last pages of a symbol's missing REST span double as the "first candle at or after start" and
/// "last candle before end" probes, so finding where the symbol traded costs no extra weight. Both hosts fetch
/// a symbol the same way: head, then tail (when more than a page is still missing), then
/// <see cref="KlinePager.Pages(CoverageSet, int)"/> of what remains. Pure.
/// </summary>
public static class EdgePages
{
    /// <summary>The head page: from the span's start, bounded by its end, sized to its first range.</summary>
    public static EdgeRequest Head(CoverageSet missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        return new EdgeRequest(missing.Ranges[0].Start.ToUnixTimeMilliseconds(), missing.Ranges[^1].End.ToUnixTimeMilliseconds() - 1, Limit(missing.Ranges[0]));
    }

    /// <summary>
    /// What the head proves: from the span's start to the end of the last candle returned when the page came back
    /// full, else (fewer than the limit) to the span's end.
    /// </summary>
    public static UtcRange HeadSpan(CoverageSet missing, int returned, DateTimeOffset? lastOpenTime)
    {
        ArgumentNullException.ThrowIfNull(missing);
        var head = Head(missing);
        var start = missing.Ranges[0].Start;
        return new UtcRange(start, returned >= head.Limit && lastOpenTime is { } last ? last + MinuteTime.OneMinute : missing.Ranges[^1].End);
    }

    /// <summary>Whether a tail page is worth it: more than one page is still missing after the head.</summary>
    public static bool NeedsTail(CoverageSet remaining)
    {
        ArgumentNullException.ThrowIfNull(remaining);
        return remaining.Duration > TimeSpan.FromMinutes(KlinePager.DefaultPageSize);
    }

    /// <summary>The tail page: the last candles before the span's end, sized to its last range.</summary>
    public static EdgeRequest Tail(CoverageSet missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        return new EdgeRequest(null, missing.Ranges[^1].End.ToUnixTimeMilliseconds() - 1, Limit(missing.Ranges[^1]));
    }

    /// <summary>
    /// What the tail proves: from the first candle returned (when the page came back full and that candle lies inside
    /// the span) or else from the span's start, to the span's end.
    /// </summary>
    public static UtcRange TailSpan(CoverageSet missing, int returned, DateTimeOffset? firstOpenTime)
    {
        ArgumentNullException.ThrowIfNull(missing);
        var tail = Tail(missing);
        var from = missing.Ranges[0].Start;
        var start = returned >= tail.Limit && firstOpenTime is { } first && first > from ? first : from;
        return new UtcRange(start, missing.Ranges[^1].End);
    }

    /// <summary>The most both edges of <paramref name="missing"/> can cost (the tail only if the span exceeds a page).</summary>
    public static int MaxWeight(CoverageSet missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        return Head(missing).Weight + (NeedsTail(missing) ? Tail(missing).Weight : 0);
    }

    private static int Limit(UtcRange range) => (int)Math.Min(KlinePager.DefaultPageSize, range.Minutes);
}
