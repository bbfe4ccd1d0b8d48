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
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var state = new State(symbol, range, candles);
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
        if (!Utf8Parser.TryParse(tradesText, out long trades, out used) || used != tradesText.Length || tradesText[0] is (byte)'-' or (byte)'+')
            throw new ArchiveFormatException($"count '{Text(tradesText)}' is not an integer.", lineNumber);
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
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArchiveFormatException($"{column} '{Text(text)}' is not a number.", lineNumber);

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

    /// <summary>Where the parse is: line number, the last open time, and where candles go.</summary>
    private sealed class State(string symbol, UtcRange range, ICollection<Candle> candles)
    {
        private long _previousMs = long.MinValue;

        public long LineNumber { get; private set; }

        public void Line(ReadOnlySpan<byte> line)
        {
            LineNumber++;
            if (line.IsEmpty || line is [(byte)'\r'])
                return;
            // Files generated from mid-2022 on start with a header; older ones start with a digit.
            if (LineNumber == 1 && !char.IsAsciiDigit((char)line[0]))
                return;
            var candle = ParseRow(line, symbol, LineNumber);
            var ms = candle.OpenTimeMs;
            if (ms == _previousMs)
                return;
            if (ms < _previousMs)
                throw new ArchiveFormatException($"open time {ms} goes back before {_previousMs}.", LineNumber);
            _previousMs = ms;
            if (range.Contains(candle.Timestamp))
                candles.Add(candle);
        }
    }
}
