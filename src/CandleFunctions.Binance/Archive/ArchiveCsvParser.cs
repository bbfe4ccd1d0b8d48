using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Binance.Archive;

/// <summary>
/// Reads the klines CSV inside an archive zip, with or without a header row, straight from its UTF-8 bytes into
/// candles whose decimal values keep the file's text exactly (as REST values are parsed). No string is made per
/// row: fields are spans of a pooled buffer.
/// </summary>
public static class ArchiveCsvParser
{
    private const int Columns = 12;
    private const long MinuteMs = 60_000;
    private const int BufferSize = 1 << 16;

    // A kline row is ~150 bytes; a "line" longer than this is not one (and must not grow the buffer without bound).
    private const int MaxLineBytes = 1 << 20;

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
        Parse(csv, new CandleState(symbol, range, candles));
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
        Parse(csv, new TextState(range, rows));
    }

    private static void Parse(Stream csv, State state)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var filled = 0;
            var atStart = true;
            while (true)
            {
                if (filled == buffer.Length)
                    buffer = Grow(buffer, state.LineNumber + 1);
                var read = csv.Read(buffer, filled, buffer.Length - filled);
                filled += read;
                var data = buffer.AsSpan(0, filled);
                if (atStart && filled >= 3 || read == 0)
                {
                    // A UTF-8 byte-order mark, if a writer put one in, is not part of the first field.
                    if (atStart && data.StartsWith("\uFEFF"u8))
                    {
                        data = data[3..];
                        buffer.AsSpan(3, filled - 3).CopyTo(buffer);
                        filled -= 3;
                    }
                    atStart = false;
                }
                if (atStart)
                    continue;
                var consumed = 0;
                int newline;
                while ((newline = data[consumed..].IndexOf((byte)'\n')) >= 0)
                {
                    state.Line(data.Slice(consumed, newline));
                    consumed += newline + 1;
                }
                if (read == 0)
                {
                    if (consumed < filled)
                        state.Line(data[consumed..]);
                    return;
                }
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
    private static long ReadHead(ReadOnlySpan<byte> line, Span<Range> fields, long lineNumber, out long trades)
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

    private static decimal Value(ReadOnlySpan<byte> text, string column, long lineNumber) =>
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

    private static byte[] Grow(byte[] buffer, long lineNumber)
    {
        if (buffer.Length >= MaxLineBytes)
            throw new ArchiveFormatException($"a line is longer than {MaxLineBytes:N0} bytes.", lineNumber);
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.CopyTo(bigger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }

    /// <summary>Where the parse is: line number and the last open time; what a kept row becomes is the subclass's.</summary>
    private abstract class State(UtcRange range)
    {
        private readonly long _startMs = range.Start.ToUnixTimeMilliseconds();
        private readonly long _endMs = range.End.ToUnixTimeMilliseconds();
        private long _previousMs = long.MinValue;

        public long LineNumber { get; private set; }

        public void Line(ReadOnlySpan<byte> line)
        {
            LineNumber++;
            if (line.Length > 0 && line[^1] == (byte)'\r')
                line = line[..^1];
            if (line.IsEmpty)
                return;
            // Files generated from mid-2022 on start with a header; older ones start with a digit.
            if (LineNumber == 1 && !char.IsAsciiDigit((char)line[0]))
                return;
            var ms = Read(line, LineNumber);
            if (ms == _previousMs)
                return;
            if (ms < _previousMs)
                throw new ArchiveFormatException($"open time {ms} goes back before {_previousMs}.", LineNumber);
            _previousMs = ms;
            if (ms >= _startMs && ms < _endMs)
                Keep(line, ms);
        }

        /// <summary>Validates a row and returns its open time (ms); throws <see cref="ArchiveFormatException"/> when it is not a kline.</summary>
        protected abstract long Read(ReadOnlySpan<byte> line, long lineNumber);

        /// <summary>Keeps the row just read.</summary>
        protected abstract void Keep(ReadOnlySpan<byte> line, long openTimeMs);
    }

    /// <summary>Rows into <see cref="Candle"/> objects, with their <see cref="KlineExtras"/>.</summary>
    private sealed class CandleState(string symbol, UtcRange range, ICollection<Candle> candles) : State(range)
    {
        private Candle? _candle;

        protected override long Read(ReadOnlySpan<byte> line, long lineNumber)
        {
            _candle = ParseRow(line, symbol, lineNumber);
            return _candle.OpenTimeMs;
        }

        protected override void Keep(ReadOnlySpan<byte> line, long openTimeMs) => candles.Add(_candle!);
    }

    /// <summary>Rows into <see cref="CandleTextRows"/>: validated with spans, values carried as text.</summary>
    private sealed class TextState(UtcRange range, CandleTextRows rows) : State(range)
    {
        // The columns a kline row holds as decimals, in the order ParseRow reads them (so the first bad one is named alike).
        private static readonly (int Column, string Name)[] s_decimals =
        [
            (1, "open"), (2, "high"), (3, "low"), (4, "close"), (5, "volume"),
            (7, "quote_volume"), (9, "taker_buy_volume"), (10, "taker_buy_quote_volume"),
        ];

        private readonly Range[] _fields = new Range[Columns + 1];
        private bool _valuesPlain;

        protected override long Read(ReadOnlySpan<byte> line, long lineNumber)
        {
            var openTime = ReadHead(line, _fields, lineNumber, out _);
            _valuesPlain = true;
            foreach (var (column, name) in s_decimals)
            {
                var text = line[_fields[column]];
                if (IsPlain(text))
                    continue;
                _ = Value(text, name, lineNumber);
                if (column <= 5)
                    _valuesPlain = false;
            }
            return openTime;
        }

        protected override void Keep(ReadOnlySpan<byte> line, long openTimeMs)
        {
            if (_valuesPlain)
            {
                // ",open,high,low,close,volume" exactly as the file has it.
                rows.Add(openTimeMs, line[_fields[0].End.._fields[5].End]);
                return;
            }
            Span<byte> values = stackalloc byte[5 * (MaxPlainDigits + 4)];
            var at = 0;
            for (var column = 1; column <= 5; column++)
            {
                values[at++] = (byte)',';
                var text = line[_fields[column]];
                if (IsPlain(text))
                {
                    text.CopyTo(values[at..]);
                    at += text.Length;
                }
                else if (!decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).TryFormat(values[at..], out var written, default, CultureInfo.InvariantCulture))
                {
                    throw new InvalidOperationException("A decimal does not fit a row buffer.");
                }
                else
                {
                    at += written;
                }
            }
            rows.Add(openTimeMs, values[..at]);
        }
    }

    // A plain value of at most this many digits is a decimal that writes back as the very same text.
    private const int MaxPlainDigits = 28;

    /// <summary>
    /// True for text that <see cref="decimal"/> parses and writes back unchanged: no sign, no exponent, no
    /// leading zero, no spaces, at most <see cref="MaxPlainDigits"/> digits (so neither precision nor scale is lost).
    /// </summary>
    private static bool IsPlain(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
            return false;
        var i = 0;
        if (text[0] == (byte)'0')
        {
            i = 1;
        }
        else
        {
            while (i < text.Length && char.IsAsciiDigit((char)text[i]))
                i++;
            if (i == 0)
                return false;
        }
        var digits = i;
        if (i == text.Length)
            return digits <= MaxPlainDigits;
        if (text[i] != (byte)'.' || i + 1 == text.Length)
            return false;
        for (i++; i < text.Length; i++, digits++)
        {
            if (!char.IsAsciiDigit((char)text[i]))
                return false;
        }
        return digits <= MaxPlainDigits;
    }
}
