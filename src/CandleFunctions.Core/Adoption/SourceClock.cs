using System.Globalization;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Core.Adoption;

/// <summary>
/// The clock a file's timestamps were written in: UTC, a constant offset from it, or one IANA time zone with its
/// daylight-saving changes. Maps a written timestamp (read as if it were UTC) to the UTC minute it stands for.
/// </summary>
public sealed record SourceClock
{
    private SourceClock(TimeSpan offset, TimeZoneInfo? zone)
    {
        Offset = offset;
        Zone = zone;
    }

    /// <summary>Timestamps are UTC.</summary>
    public static SourceClock Utc { get; } = new(TimeSpan.Zero, null);

    /// <summary>The constant offset (local = UTC + offset) when <see cref="Zone"/> is null.</summary>
    public TimeSpan Offset { get; }

    /// <summary>The time zone, or null for a constant offset.</summary>
    public TimeZoneInfo? Zone { get; }

    /// <summary>True when timestamps need no shift.</summary>
    public bool IsUtc => Zone is null && Offset == TimeSpan.Zero;

    /// <summary>A constant offset from UTC.</summary>
    public static SourceClock FixedOffset(TimeSpan offset) => offset == TimeSpan.Zero ? Utc : new SourceClock(offset, null);

    /// <summary>A time zone with its daylight-saving rules.</summary>
    public static SourceClock InZone(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new SourceClock(TimeSpan.Zero, zone);
    }

    /// <summary>
    /// The UTC minute a written timestamp stands for; false for a local time that a daylight-saving change made
    /// ambiguous (written twice) or impossible.
    /// </summary>
    public bool TryToUtc(DateTimeOffset written, out DateTimeOffset utc)
    {
        if (Zone is null)
        {
            utc = written - Offset;
            return true;
        }
        var local = DateTime.SpecifyKind(written.UtcDateTime, DateTimeKind.Unspecified);
        if (Zone.IsAmbiguousTime(local) || Zone.IsInvalidTime(local))
        {
            utc = default;
            return false;
        }
        utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
        return true;
    }

    /// <summary>"UTC", "UTC+05:30" or the zone's id.</summary>
    public override string ToString() =>
        Zone is { } zone ? zone.Id
        : Offset == TimeSpan.Zero ? "UTC"
        : string.Create(CultureInfo.InvariantCulture, $"UTC{(Offset < TimeSpan.Zero ? "-" : "+")}{Offset.Duration():hh\\:mm}");

    /// <summary>Every constant offset a clock on Earth uses: ±14 h in 15-minute steps, UTC first, then nearest first.</summary>
    public static IEnumerable<SourceClock> AllOffsets()
    {
        yield return Utc;
        for (var step = 1; step <= 14 * 4; step++)
        {
            yield return FixedOffset(TimeSpan.FromMinutes(15 * step));
            yield return FixedOffset(TimeSpan.FromMinutes(-15 * step));
        }
    }

    /// <summary>The widest offset any clock uses: a window widened by it holds every minute a written one can stand for.</summary>
    public static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    /// <summary>Minutes of <paramref name="writtenDay"/> in UTC, widened by <see cref="MaxOffset"/> on both sides.</summary>
    public static UtcRange Widened(UtcRange writtenDay) => new(writtenDay.Start - MaxOffset, writtenDay.End + MaxOffset);
}
