using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CandleFunctions.Core.Candles;
using CsvHelper;

namespace CandleFunctions.Storage.Csv;

/// <summary>Reads and writes the candle CSV format shared by the back-tester, the local folder and blobs.</summary>
public static class CandleCsv
{
    /// <summary>The header we write; files that start with exactly this line can be appended to.</summary>
    public const string Header = "timestamp,open,high,low,close,volume";

    /// <summary>UTF-8 without a byte-order mark, as pandas writes.</summary>
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Streams the candles of a CSV in our layout or the old notebook's, validating every row, the order and
    /// uniqueness; an empty stream has no candles.
    /// </summary>
    /// <exception cref="CorruptCandleFileException">A row, the header, or the order is wrong.</exception>
    public static IAsyncEnumerable<Candle> ReadAsync(Stream stream, string source, string symbol, CancellationToken cancellationToken) =>
        RowsAsync(stream, source, symbol, strict: true, cancellationToken);

    // A row is at most 19 + 5 × 31 + 5 characters (timestamp, five decimals of up to 31, commas) plus '\n'.
    private const int MaxRowChars = 192;
    private const int WriteBufferChars = 1 << 15;

    /// <summary>
    /// Streams a file's rows as written, for verifying a file against the exchange: rows may repeat a minute or go
    /// back in time (a notebook, or local time across a daylight-saving change), and a last row that cannot be read
    /// (cut off mid-write) is skipped. Any other unreadable row still fails.
    /// </summary>
    /// <exception cref="CorruptCandleFileException">The header or a row before the last is wrong.</exception>
    public static IAsyncEnumerable<Candle> ReadWrittenRowsAsync(Stream stream, string source, string symbol, CancellationToken cancellationToken) =>
        RowsAsync(stream, source, symbol, strict: false, cancellationToken);

    /// <summary>
    /// The one row loop behind both readers: <paramref name="strict"/> refuses any unreadable row and any row that does
    /// not move time forward; otherwise rows come as written and only an unreadable row before the last fails.
    /// </summary>
    private static async IAsyncEnumerable<Candle> RowsAsync(
        Stream stream,
        string source,
        string symbol,
        bool strict,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = CsvReader.Create(stream, Options(hasHeader: true), leaveOpen: true);
        if (!await NextAsync(reader, source, cancellationToken))
        {
            if (reader.Headers.Count > 0)
                CandleCsvLayout.FromHeader(reader.Headers, source);
            yield break;
        }
        var layout = CandleCsvLayout.FromHeader(reader.Headers, source);
        DateTimeOffset? previous = null;
        (long Line, string Reason)? unreadable = null;
        do
        {
            if (unreadable is { } bad)
                throw new CorruptCandleFileException(source, bad.Line, bad.Reason);
            if (!layout.TryParse(reader, symbol, out var candle, out var reason))
            {
                if (strict)
                    throw new CorruptCandleFileException(source, reader.LineNumber, reason);
                unreadable = (reader.LineNumber, reason);
                continue;
            }
            if (strict && previous is { } before && candle.Timestamp <= before)
            {
                var problem = candle.Timestamp == before
                    ? $"duplicate timestamp {CsvTimestamp.ToText(before)}"
                    : $"timestamps out of order ({CsvTimestamp.ToText(candle.Timestamp)} after {CsvTimestamp.ToText(before)})";
                throw new CorruptCandleFileException(source, reader.LineNumber, problem);
            }
            previous = candle.Timestamp;
            yield return candle;
        }
        while (await NextAsync(reader, source, cancellationToken));
    }

    /// <summary>One row in our layout, without the line ending; values keep their exact decimal text.</summary>
    public static string FormatRow(Candle candle)
    {
        ArgumentNullException.ThrowIfNull(candle);
        Span<char> row = stackalloc char[MaxRowChars];
        return new string(row[..FormatRow(candle, row)]);
    }

    /// <summary>
    /// Writes each candle as a row ending in '\n', formatted into a pooled buffer (no string per row; the decimals'
    /// text is what <see cref="decimal.ToString(IFormatProvider)"/> gives, the timestamp is formatted by hand).
    /// </summary>
    public static async Task WriteRowsAsync(TextWriter writer, IEnumerable<Candle> candles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(candles);
        var buffer = ArrayPool<char>.Shared.Rent(WriteBufferChars);
        try
        {
            var used = 0;
            foreach (var candle in candles)
            {
                if (buffer.Length - used < MaxRowChars)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await writer.WriteAsync(buffer.AsMemory(0, used), cancellationToken);
                    used = 0;
                }
                used += FormatRow(candle, buffer.AsSpan(used));
                buffer[used++] = '\n';
            }
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteAsync(buffer.AsMemory(0, used), cancellationToken);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Writes each text row as a row of our layout ending in '\n', in UTF-8: the timestamp formatted by hand, the
    /// values as they were carried (no object, no decimal per row).
    /// </summary>
    public static void WriteRows(Stream stream, IReadOnlyList<CandleTextRows> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(batches);
        var buffer = ArrayPool<byte>.Shared.Rent(WriteBufferChars * 2);
        try
        {
            var used = 0;
            var timestamps = new CsvTimestamp.Writer();
            foreach (var rows in batches)
            {
                var times = rows.OpenTimes;
                var ends = rows.ValueEnds;
                var text = rows.ValueText;
                var start = 0;
                for (var i = 0; i < times.Length; i++)
                {
                    var values = text[start..ends[i]];
                    start = ends[i];
                    if (buffer.Length - used < 20 + values.Length)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        // A local file: a plain write is cheaper than a thread-pool round trip per chunk.
                        stream.Write(buffer, 0, used);
                        used = 0;
                    }
                    var row = buffer.AsSpan(used);
                    var at = timestamps.Write(times[i], row);
                    values.CopyTo(row[at..]);
                    at += values.Length;
                    row[at++] = (byte)'\n';
                    used += at;
                }
            }
            cancellationToken.ThrowIfCancellationRequested();
            stream.Write(buffer, 0, used);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Formats one row (no line ending) into <paramref name="destination"/>, which holds at least <see cref="MaxRowChars"/>.</summary>
    private static int FormatRow(Candle candle, Span<char> destination)
    {
        var at = CsvTimestamp.Write(candle.Timestamp, destination);
        at += Value(candle.Open, destination[at..]);
        at += Value(candle.High, destination[at..]);
        at += Value(candle.Low, destination[at..]);
        at += Value(candle.Close, destination[at..]);
        at += Value(candle.Volume, destination[at..]);
        return at;
    }

    private static int Value(decimal value, Span<char> destination)
    {
        destination[0] = ',';
        return value.TryFormat(destination[1..], out var written, default, CultureInfo.InvariantCulture)
            ? written + 1
            : throw new InvalidOperationException($"{value} does not fit a CSV row buffer.");
    }

    /// <summary>Parses a file's header line.</summary>
    internal static CandleCsvLayout ParseHeaderLine(string line, string source)
    {
        try
        {
            using var reader = CsvReader.FromText(line, Options(hasHeader: false));
            return reader.Read()
                ? CandleCsvLayout.FromHeader(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList(), source)
                : throw new CorruptCandleFileException(source, 1, $"the file has no header (expected {Header})");
        }
        catch (CsvFormatException e)
        {
            throw new CorruptCandleFileException(source, 1, e.Message);
        }
    }

    /// <summary>Parses one data line with a known layout; false when it is not a complete row.</summary>
    internal static bool TryParseLine(CandleCsvLayout layout, string line, string symbol, out Candle candle) =>
        TryParseLine(layout, line, symbol, out candle, out _);

    /// <summary>Parses one data line with a known layout, or says why it is not a complete row.</summary>
    internal static bool TryParseLine(CandleCsvLayout layout, string line, string symbol, out Candle candle, out string reason)
    {
        candle = null!;
        try
        {
            using var reader = CsvReader.FromText(line, Options(hasHeader: false));
            if (!reader.Read())
            {
                reason = "the line is empty";
                return false;
            }
            if (!layout.TryParse(reader, symbol, out candle, out reason))
                return false;
            if (reader.Read())
            {
                reason = "the line holds more than one row";
                return false;
            }
            return true;
        }
        catch (CsvFormatException e)
        {
            reason = e.Message;
            return false;
        }
    }

    private static CsvReaderOptions Options(bool hasHeader) =>
        new()
        {
            Separator = ',',
            HasHeader = hasHeader,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            AllowLineBreaksInQuotes = false,
            DetectSeparatorHint = false,
        };

    private static async ValueTask<bool> NextAsync(CsvReader reader, string source, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken);
        }
        catch (CsvFormatException e)
        {
            throw new CorruptCandleFileException(source, e.LineNumber, e.Message);
        }
    }
}
