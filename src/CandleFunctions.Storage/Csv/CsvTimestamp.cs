using System.Globalization;

namespace CandleFunctions.Storage.Csv;

/// <summary>Reads and writes the timestamp column.</summary>
internal static class CsvTimestamp
{
    /// <summary>The format we write: UTC, seconds precision.</summary>
    public const string Format = "yyyy-MM-dd HH:mm:ss";

    // Ours first (the fast, common case), then what pandas and ISO-8601 writers produce.
    private static readonly string[] s_formats =
    [
        Format,
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset timestamp)
    {
        var ok = DateTimeOffset.TryParseExact(
            text.Trim(),
            s_formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out timestamp);
        if (ok)
            timestamp = timestamp.ToUniversalTime();
        return ok;
    }

    public static string ToText(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}
