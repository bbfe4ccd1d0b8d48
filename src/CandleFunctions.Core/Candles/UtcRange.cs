using System.Text.Json.Serialization;

namespace CandleFunctions.Core.Candles;

/// <summary>
/// A non-empty half-open UTC interval <c>[Start, End)</c>. Both ends must carry a zero offset.
/// </summary>
public readonly record struct UtcRange
{
    // Durable Functions sends ranges through System.Text.Json, which needs to be told to use this validating constructor.
    [JsonConstructor]
    public UtcRange(DateTimeOffset start, DateTimeOffset end)
    {
        if (start.Offset != TimeSpan.Zero || end.Offset != TimeSpan.Zero)
            throw new ArgumentException("UtcRange bounds must be UTC (offset zero).");
        if (end <= start)
            throw new ArgumentException($"UtcRange end {end:O} must be after start {start:O}.");
        Start = start;
        End = end;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public TimeSpan Duration => End - Start;

    /// <summary>Number of whole minutes in the range (ranges used for candles are minute-aligned).</summary>
    public long Minutes => (long)Duration.TotalMinutes;

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public bool Overlaps(UtcRange other) => Start < other.End && other.Start < End;

    /// <summary>The overlap of two ranges, or null when they do not overlap.</summary>
    public UtcRange? Intersect(UtcRange other)
    {
        var start = Start > other.Start ? Start : other.Start;
        var end = End < other.End ? End : other.End;
        return end > start ? new UtcRange(start, end) : null;
    }

    /// <summary>Builds a range from Unix milliseconds; null when empty.</summary>
    public static UtcRange? FromUnixMs(long startMs, long endMs) =>
        endMs > startMs
            ? new UtcRange(DateTimeOffset.FromUnixTimeMilliseconds(startMs), DateTimeOffset.FromUnixTimeMilliseconds(endMs))
            : null;

    public override string ToString() => $"[{Start:yyyy-MM-dd HH:mm:ss}, {End:yyyy-MM-dd HH:mm:ss})";
}
