using System.Buffers.Binary;
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

    private const long DayMs = 86_400_000;

    /// <summary>
    /// Writes rows' open times (Unix milliseconds, ascending or not) as <see cref="Format"/> in UTF-8, cheaply when
    /// consecutive rows share a day: the date is formatted once per day and the time of day from two-digit pairs.
    /// </summary>
    public struct Writer
    {
        private long _dayStartMs;
        private long _dayEndMs;
        private ulong _date0;
        private ulong _date1;

        /// <summary>Writes <paramref name="ms"/> (19 bytes) into <paramref name="destination"/>.</summary>
        public int Write(long ms, Span<byte> destination)
        {
            destination = destination[..19];
            if (ms < _dayStartMs || ms >= _dayEndMs || _dayEndMs == 0)
                StartDay(ms);
            // "yyyy-MM-dd " is 11 bytes: two overlapping 8-byte stores.
            BinaryPrimitives.WriteUInt64LittleEndian(destination, _date0);
            BinaryPrimitives.WriteUInt64LittleEndian(destination[3..], _date1);
            var seconds = (int)((ms - _dayStartMs) / 1000);
            Pair(destination, 11, seconds / 3600);
            destination[13] = (byte)':';
            Pair(destination, 14, seconds / 60 % 60);
            destination[16] = (byte)':';
            Pair(destination, 17, seconds % 60);
            return 19;
        }

        private void StartDay(long ms)
        {
            var dayStart = ms - (ms % DayMs + DayMs) % DayMs;
            Span<byte> date = stackalloc byte[19];
            CsvTimestamp.Write(DateTimeOffset.FromUnixTimeMilliseconds(dayStart), date);
            _date0 = BinaryPrimitives.ReadUInt64LittleEndian(date);
            _date1 = BinaryPrimitives.ReadUInt64LittleEndian(date[3..]);
            _dayStartMs = dayStart;
            _dayEndMs = dayStart + DayMs;
        }

        private static void Pair(Span<byte> destination, int at, int value)
        {
            var tens = value / 10;
            destination[at] = (byte)('0' + tens);
            destination[at + 1] = (byte)('0' + value - tens * 10);
        }
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
