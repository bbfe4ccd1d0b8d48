using System.Globalization;

namespace CandleFunctions.Cli.Input;

/// <summary>Parses --start/--end: a date (2024-01-01, midnight UTC) or an ISO-8601 instant (no offset means UTC).</summary>
public static class TimeArgument
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd"];

    public static DateTimeOffset Parse(string option, string text)
    {
        var trimmed = text.Trim();
        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(trimmed, DateFormats, CultureInfo.InvariantCulture, utc, out var date))
            return date;
        if (trimmed.Length >= 10 && char.IsAsciiDigit(trimmed[0])
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, utc, out var instant))
            return instant.ToUniversalTime();
        throw new UsageException($"{option} '{text}' is not a date (2024-01-01) or an ISO-8601 instant (2024-01-01T12:30:00Z).");
    }
}
