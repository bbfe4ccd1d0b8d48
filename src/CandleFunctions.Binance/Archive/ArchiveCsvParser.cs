using System.Globalization;
using System.Runtime.CompilerServices;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Binance.Archive;

/// <summary>
/// Reads the klines CSV inside an archive zip, with or without a header row, into candles whose decimal
/// values keep the file's text exactly (as REST values are parsed).
/// </summary>
public static class ArchiveCsvParser
{
    private const int Columns = 12;
    private const long MinuteMs = 60_000;

    // Above this an open time cannot be milliseconds (year 2286) and is read as microseconds.
    private const long MicrosecondThreshold = 10_000_000_000_000;

    private static readonly long MaxOpenTimeMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>
    /// Yields the candles of <paramref name="reader"/> whose open time lies in <paramref name="range"/>, in
    /// file order; a repeated open time is skipped and anything else unreadable throws <see cref="ArchiveFormatException"/>.
    /// </summary>
    public static async IAsyncEnumerable<Candle> ParseAsync(
        TextReader reader,
        string symbol,
        UtcRange range,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long lineNumber = 0;
        long previousMs = long.MinValue;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            // Files generated from mid-2022 on start with a header; older ones start with a digit.
            if (lineNumber == 1 && !char.IsAsciiDigit(line[0]))
                continue;
            var candle = ParseRow(line, symbol, lineNumber);
            var ms = candle.OpenTimeMs;
            if (ms == previousMs)
                continue;
            if (ms < previousMs)
                throw new ArchiveFormatException($"open time {ms} goes back before {previousMs}.", lineNumber);
            previousMs = ms;
            if (range.Contains(candle.Timestamp))
                yield return candle;
        }
    }

    /// <summary>Reads one 12-column kline row; throws <see cref="ArchiveFormatException"/> when it is not one.</summary>
    public static Candle ParseRow(string line, string symbol, long lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        Span<Range> fields = stackalloc Range[Columns + 1];
        var span = line.AsSpan().TrimEnd('\r');
        var count = span.Split(fields, ',');
        if (count != Columns)
            throw new ArchiveFormatException($"expected {Columns} columns, found {(count > Columns ? "more" : count.ToString(CultureInfo.InvariantCulture))}.", lineNumber);
        if (!long.TryParse(span[fields[0]], NumberStyles.None, CultureInfo.InvariantCulture, out var openTime))
            throw new ArchiveFormatException($"open time '{span[fields[0]]}' is not an integer.", lineNumber);
        if (openTime > MicrosecondThreshold)
            openTime /= 1000;
        if (openTime > MaxOpenTimeMs)
            throw new ArchiveFormatException($"open time {openTime} is beyond any date.", lineNumber);
        if (openTime % MinuteMs != 0)
            throw new ArchiveFormatException($"open time {openTime} is not on a whole minute.", lineNumber);
        return new Candle(
            symbol,
            DateTimeOffset.FromUnixTimeMilliseconds(openTime),
            Value(span[fields[1]], "open", lineNumber),
            Value(span[fields[2]], "high", lineNumber),
            Value(span[fields[3]], "low", lineNumber),
            Value(span[fields[4]], "close", lineNumber),
            Value(span[fields[5]], "volume", lineNumber))
        {
            Extras = new KlineExtras(
                Value(span[fields[7]], "quote_volume", lineNumber),
                long.TryParse(span[fields[8]], NumberStyles.None, CultureInfo.InvariantCulture, out var trades)
                    ? trades
                    : throw new ArchiveFormatException($"count '{span[fields[8]]}' is not an integer.", lineNumber),
                Value(span[fields[9]], "taker_buy_volume", lineNumber),
                Value(span[fields[10]], "taker_buy_quote_volume", lineNumber)),
        };
    }

    private static decimal Value(ReadOnlySpan<char> text, string column, long lineNumber) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArchiveFormatException($"{column} '{text}' is not a number.", lineNumber);
}
