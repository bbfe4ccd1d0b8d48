using System.Globalization;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Binance.Archive;

/// <summary>
/// The archive's fast path: rows into <see cref="CandleTextRows"/>, validated with spans as
/// <see cref="ArchiveCsvParser.ParseRow(ReadOnlySpan{byte}, string, long)"/> validates them (the same rows are refused
/// with the same message), without a <see cref="Candle"/> or a <see cref="decimal"/> per row: a value already in the
/// form <see cref="decimal"/> writes is carried as it came, any other is parsed and written in that form, so the text
/// is what the object path would write.
/// </summary>
internal sealed class ArchiveTextRowSink(UtcRange range, CandleTextRows rows) : ArchiveRowSink(range)
{
    // The columns a kline row holds as decimals, in the order ParseRow reads them (so the first bad one is named alike).
    private static readonly (int Column, string Name)[] s_decimals =
    [
        (1, "open"), (2, "high"), (3, "low"), (4, "close"), (5, "volume"),
        (7, "quote_volume"), (9, "taker_buy_volume"), (10, "taker_buy_quote_volume"),
    ];

    private readonly Range[] _fields = new Range[ArchiveCsvParser.Columns + 1];
    private bool _valuesPlain;

    protected override long Read(ReadOnlySpan<byte> line, long lineNumber)
    {
        var openTime = ArchiveCsvParser.ReadHead(line, _fields, lineNumber, out _);
        _valuesPlain = true;
        foreach (var (column, name) in s_decimals)
        {
            var text = line[_fields[column]];
            if (IsPlain(text))
                continue;
            _ = ArchiveCsvParser.Value(text, name, lineNumber);
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
