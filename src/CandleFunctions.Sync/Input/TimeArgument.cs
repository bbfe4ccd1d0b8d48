using System.Globalization;

namespace CandleFunctions.Sync.Input;

/// <summary>Parses a start or end: a date (2024-01-01, midnight UTC) or an ISO-8601 instant (no offset means UTC).</summary>
public static class TimeArgument
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd"];

    /// <summary>The instant <paramref name="text"/> names; <paramref name="name"/> (e.g. <c>--start</c>) opens the error message.</summary>
    /// <exception cref="InputException">The text is neither a date nor an instant.</exception>
    public static DateTimeOffset Parse(string name, string text) =>
        TryParse(text) ?? throw new InputException($"{name} '{text}' is not a date (2024-01-01) or an ISO-8601 instant (2024-01-01T12:30:00Z).");

    /// <summary>The instant <paramref name="text"/> names, or null.</summary>
    public static DateTimeOffset? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(trimmed, DateFormats, CultureInfo.InvariantCulture, utc, out var date))
            return date;
        if (trimmed.Length >= 10 && char.IsAsciiDigit(trimmed[0])
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, utc, out var instant))
            return instant.ToUniversalTime();
        return null;
    }
}
