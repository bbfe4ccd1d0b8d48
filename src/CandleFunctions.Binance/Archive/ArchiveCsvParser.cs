using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Binance.Archive;

/// <summary>
/// Reads the klines CSV inside an archive zip, with or without a header row, straight from its UTF-8 bytes into
/// candles whose decimal values keep the file's text exactly (as REST values are parsed), or into text rows
/// (<see cref="ArchiveTextRowSink"/>, the fast path). No string is made per row: fields are spans of a pooled buffer.
/// </summary>
public static class ArchiveCsvParser
{
    internal const int Columns = 12;
    private const long MinuteMs = 60_000;
    // Above this an open time cannot be milliseconds (year 2286) and is read as microseconds.
    private const long MicrosecondThreshold = 10_000_000_000_000;

    private static readonly long MaxOpenTimeMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>
    /// Adds the candles of <paramref name="csv"/> whose open time lies in <paramref name="range"/> to
    /// <paramref name="candles"/>, in file order; a repeated open time is skipped and anything else unreadable throws
    /// <see cref="ArchiveFormatException"/>.
    /// </summary>
    public static void Parse(Stream csv, string symbol, UtcRange range, ICollection<Candle> candles)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(candles);
        ArchiveCsvLines.Read(csv, new CandleSink(symbol, range, candles));
    }

    /// <summary>
    /// Adds the rows of <paramref name="csv"/> whose open time lies in <paramref name="range"/> to
    /// <paramref name="rows"/> as text, validated as <see cref="Parse(Stream, string, UtcRange, ICollection{Candle})"/>
    /// validates them (the same rows are refused with the same message), without a <see cref="Candle"/> or a
    /// <see cref="decimal"/> per row: a value already in the form <see cref="decimal"/> writes is carried as it came,
    /// any other is parsed and written in that form, so the text is what the object path would write.
    /// </summary>
    public static void Parse(Stream csv, UtcRange range, CandleTextRows rows)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(rows);
        ArchiveCsvLines.Read(csv, new ArchiveTextRowSink(range, rows));
    }

    /// <summary>Reads one 12-column kline row; throws <see cref="ArchiveFormatException"/> when it is not one.</summary>
    public static Candle ParseRow(string line, string symbol, long lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        return ParseRow(Encoding.UTF8.GetBytes(line), symbol, lineNumber);
    }

    /// <summary>Reads one 12-column kline row of UTF-8 text; throws <see cref="ArchiveFormatException"/> when it is not one.</summary>
    public static Candle ParseRow(ReadOnlySpan<byte> line, string symbol, long lineNumber)
    {
        Span<Range> fields = stackalloc Range[Columns + 1];
        if (line.Length > 0 && line[^1] == (byte)'\r')
            line = line[..^1];
        var openTime = ReadHead(line, fields, lineNumber, out var trades);
        return new Candle(
            symbol,
            DateTimeOffset.FromUnixTimeMilliseconds(openTime),
            Value(line[fields[1]], "open", lineNumber),
            Value(line[fields[2]], "high", lineNumber),
            Value(line[fields[3]], "low", lineNumber),
            Value(line[fields[4]], "close", lineNumber),
            Value(line[fields[5]], "volume", lineNumber))
        {
            Extras = new KlineExtras(
                Value(line[fields[7]], "quote_volume", lineNumber),
                trades,
                Value(line[fields[9]], "taker_buy_volume", lineNumber),
                Value(line[fields[10]], "taker_buy_quote_volume", lineNumber)),
        };
    }

    /// <summary>Splits a row (without '\r') into <paramref name="fields"/> and checks its shape, open time and trade count.</summary>
    internal static long ReadHead(ReadOnlySpan<byte> line, Span<Range> fields, long lineNumber, out long trades)
    {
        var count = Split(line, fields);
        if (count != Columns)
            throw new ArchiveFormatException($"expected {Columns} columns, found {(count > Columns ? "more" : count.ToString(CultureInfo.InvariantCulture))}.", lineNumber);
        var openTimeText = line[fields[0]];
        if (!Utf8Parser.TryParse(openTimeText, out long openTime, out var used) || used != openTimeText.Length || openTimeText[0] is (byte)'-' or (byte)'+')
            throw new ArchiveFormatException($"open time '{Text(openTimeText)}' is not an integer.", lineNumber);
        if (openTime > MicrosecondThreshold)
            openTime /= 1000;
        if (openTime > MaxOpenTimeMs)
            throw new ArchiveFormatException($"open time {openTime} is beyond any date.", lineNumber);
        if (openTime % MinuteMs != 0)
            throw new ArchiveFormatException($"open time {openTime} is not on a whole minute.", lineNumber);
        var tradesText = line[fields[8]];
        if (!Utf8Parser.TryParse(tradesText, out trades, out used) || used != tradesText.Length || tradesText[0] is (byte)'-' or (byte)'+')
            throw new ArchiveFormatException($"count '{Text(tradesText)}' is not an integer.", lineNumber);
        return openTime;
    }

    /// <summary>Fills <paramref name="fields"/> with the comma-separated fields; a count above their capacity means "more".</summary>
    private static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        while (count < fields.Length)
        {
            var comma = line[start..].IndexOf((byte)',');
            if (comma < 0)
            {
                fields[count++] = new Range(start, line.Length);
                return count;
            }
            fields[count++] = new Range(start, start + comma);
            start += comma + 1;
        }
        return count + 1;
    }

    internal static decimal Value(ReadOnlySpan<byte> text, string column, long lineNumber) =>
        TryPlainDecimal(text, out var value) || decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            ? value
            : throw new ArchiveFormatException($"{column} '{Text(text)}' is not a number.", lineNumber);

    /// <summary>
    /// The usual kline value (digits with at most one point, at most 18 digits) read straight into a decimal with the
    /// text's scale, as <see cref="decimal.Parse(string, IFormatProvider)"/> reads it but several times faster;
    /// false for anything else (the general parser decides).
    /// </summary>
    private static bool TryPlainDecimal(ReadOnlySpan<byte> text, out decimal value)
    {
        value = default;
        ulong coefficient = 0;
        var digits = 0;
        var point = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'.' && point < 0)
            {
                point = i;
                continue;
            }
            if (!char.IsAsciiDigit((char)c) || ++digits > 18)
                return false;
            coefficient = coefficient * 10 + (ulong)(c - '0');
        }
        if (digits == 0)
            return false;
        var scale = point < 0 ? 0 : text.Length - point - 1;
        value = new decimal((int)(uint)coefficient, (int)(uint)(coefficient >> 32), 0, false, (byte)scale);
        return true;
    }

    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    /// <summary>Rows into <see cref="Candle"/> objects, with their <see cref="KlineExtras"/>.</summary>
    private sealed class CandleSink(string symbol, UtcRange range, ICollection<Candle> candles) : ArchiveRowSink(range)
    {
        private Candle? _candle;

        protected override long Read(ReadOnlySpan<byte> line, long lineNumber)
        {
            _candle = ParseRow(line, symbol, lineNumber);
            return _candle.OpenTimeMs;
        }

        protected override void Keep(ReadOnlySpan<byte> line, long openTimeMs) => candles.Add(_candle!);
    }
}
