namespace CandleFunctions.Binance.Archive;

/// <summary>Conversions between archive days and UTC instants.</summary>
internal static class ArchiveDates
{
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The first day starting at or after <paramref name="instant"/>.</summary>
    public static DateOnly CeilingDay(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var day = DateOnly.FromDateTime(utc);
        return utc.TimeOfDay == TimeSpan.Zero ? day : day.AddDays(1);
    }

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);
}
