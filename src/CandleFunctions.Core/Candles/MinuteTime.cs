namespace CandleFunctions.Core.Candles;

/// <summary>Minute arithmetic on UTC instants; candles open on whole minutes.</summary>
public static class MinuteTime
{
    public static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    /// <summary>The start of the minute containing <paramref name="instant"/>.</summary>
    public static DateTimeOffset Floor(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    /// <summary>The first whole minute at or after <paramref name="instant"/>.</summary>
    public static DateTimeOffset Ceiling(DateTimeOffset instant)
    {
        var floor = Floor(instant);
        return floor == instant.ToUniversalTime() ? floor : floor + OneMinute;
    }

    /// <summary>
    /// The end (exclusive) of the last closed minute at <paramref name="now"/>: a candle is closed once
    /// its whole minute has passed, so everything before the current minute's start is closed.
    /// </summary>
    public static DateTimeOffset LastClosedEnd(DateTimeOffset now) => Floor(now);
}
