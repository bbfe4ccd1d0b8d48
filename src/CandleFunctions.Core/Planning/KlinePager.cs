using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Core.Planning;

/// <summary>Splits minute ranges into klines pages that cost the least weight per candle.</summary>
public static class KlinePager
{
    /// <summary>The default page: 499 candles still cost weight 2, while 500 would cost 5.</summary>
    public const int DefaultPageSize = 499;

    /// <summary>Consecutive pages tiling <paramref name="range"/>, each asking for exactly its own minutes.</summary>
    public static IEnumerable<KlinePage> Pages(UtcRange range, int pageSize = DefaultPageSize)
    {
        ValidatePageSize(pageSize);
        if (MinuteTime.Floor(range.Start) != range.Start || MinuteTime.Floor(range.End) != range.End)
            throw new ArgumentException($"Range {range} must start and end on whole minutes.", nameof(range));
        return PagesOf(range, pageSize);
    }

    /// <summary>The pages of every range of <paramref name="missing"/>, in order.</summary>
    public static IEnumerable<KlinePage> Pages(CoverageSet missing, int pageSize = DefaultPageSize)
    {
        ArgumentNullException.ThrowIfNull(missing);
        ValidatePageSize(pageSize);
        foreach (var range in missing.Ranges)
        {
            if (MinuteTime.Floor(range.Start) != range.Start || MinuteTime.Floor(range.End) != range.End)
                throw new ArgumentException($"Range {range} must start and end on whole minutes.", nameof(missing));
        }
        return missing.Ranges.SelectMany(range => PagesOf(range, pageSize));
    }

    private static IEnumerable<KlinePage> PagesOf(UtcRange range, int pageSize)
    {
        var start = range.Start;
        while (start < range.End)
        {
            // The limit equals the minutes asked for: a short tail (< 100 minutes) then costs weight 1,
            // and an endTime-bounded page never needs more rows than its minutes.
            var minutes = (int)Math.Min(pageSize, (long)(range.End - start).TotalMinutes);
            var end = start.AddMinutes(minutes);
            yield return new KlinePage(new UtcRange(start, end), minutes, KlineWeights.ForLimit(minutes));
            start = end;
        }
    }

    private static void ValidatePageSize(int pageSize)
    {
        if (pageSize is < 1 or > KlineWeights.MaxLimit)
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"Page size must be between 1 and {KlineWeights.MaxLimit}.");
    }
}
