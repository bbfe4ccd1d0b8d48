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

    /// <summary>
    /// Writes <paramref name="timestamp"/> as <see cref="Format"/> (19 characters) into <paramref name="destination"/>;
    /// by hand, as the general formatter showed in the ingest profile.
    /// </summary>
    public static int Write(DateTimeOffset timestamp, Span<char> destination)
    {
        Span<byte> utf8 = stackalloc byte[19];
        Write(timestamp, utf8);
        for (var i = 0; i < 19; i++)
            destination[i] = (char)utf8[i];
        return 19;
    }

    /// <summary>Writes <paramref name="timestamp"/> as <see cref="Format"/> in UTF-8 (19 bytes) into <paramref name="destination"/>.</summary>
    public static int Write(DateTimeOffset timestamp, Span<byte> destination)
    {
        var utc = timestamp.UtcDateTime;
        var (year, month, day) = utc;
        var seconds = (int)(utc.Ticks % TimeSpan.TicksPerDay / TimeSpan.TicksPerSecond);
        destination = destination[..19];
        Digits(destination, 0, year, 4);
        destination[4] = (byte)'-';
        Digits(destination, 5, month, 2);
        destination[7] = (byte)'-';
        Digits(destination, 8, day, 2);
        destination[10] = (byte)' ';
        Digits(destination, 11, seconds / 3600, 2);
        destination[13] = (byte)':';
        Digits(destination, 14, seconds / 60 % 60, 2);
        destination[16] = (byte)':';
        Digits(destination, 17, seconds % 60, 2);
        return 19;
    }

    private static void Digits(Span<byte> destination, int at, int value, int count)
    {
        for (var i = at + count - 1; i >= at; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
