using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Orchestration;

/// <summary>What an archive stage committed: coverage, candles added, files used, bytes, problems, first and last candle.</summary>
public sealed record ArchiveOutcome(
    CoverageSet Covered,
    long Added,
    int Files,
    long Bytes,
    IReadOnlyList<string> Problems,
    DateTimeOffset? First,
    DateTimeOffset? Last)
{
    /// <summary>The span between the first and last candle committed, inside <paramref name="range"/>.</summary>
    public UtcRange? Listed(UtcRange range, DateTimeOffset? storedFirst = null, DateTimeOffset? storedLast = null)
    {
        var first = Earliest(First, storedFirst);
        var last = Latest(Last, storedLast);
        return first is { } f && last is { } l ? new UtcRange(f, l + MinuteTime.OneMinute).Intersect(range) : null;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
