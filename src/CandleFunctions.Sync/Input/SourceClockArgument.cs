using System.Globalization;
using CandleFunctions.Core.Adoption;

namespace CandleFunctions.Sync.Input;

/// <summary>
/// Parses <c>--source-tz</c>: an IANA time zone (<c>Australia/Sydney</c>), <c>UTC</c>, or a constant offset
/// (<c>+05:30</c>, <c>UTC-03:00</c>).
/// </summary>
public static class SourceClockArgument
{
    /// <exception cref="InputException">The text names no time zone and no offset.</exception>
    public static SourceClock Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Equals("UTC", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("Z", StringComparison.OrdinalIgnoreCase))
            return SourceClock.Utc;
        var offsetText = trimmed.StartsWith("UTC", StringComparison.OrdinalIgnoreCase) ? trimmed[3..] : trimmed;
        if (offsetText.Length > 1 && offsetText[0] is '+' or '-'
            && TimeSpan.TryParseExact(offsetText[1..], ["hh\\:mm", "hhmm", "hh"], CultureInfo.InvariantCulture, out var offset)
            && offset <= SourceClock.MaxOffset)
            return SourceClock.FixedOffset(offsetText[0] == '-' ? -offset : offset);
        try
        {
            return SourceClock.InZone(TimeZoneInfo.FindSystemTimeZoneById(trimmed));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InputException($"{name} '{text}' is not a time zone (Australia/Sydney), UTC or an offset (+05:30).");
        }
    }

    /// <summary>The machine's time zones with daylight-saving rules (from /usr/share/zoneinfo on Linux), for finding a file's clock.</summary>
    public static IReadOnlyList<TimeZoneInfo> SystemZones() =>
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.SupportsDaylightSavingTime).ToList();
}
