using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Binance.Archive;

/// <summary>
/// The archive's fast path: rows into <see cref="CandleTextRows"/>, validated with spans as
/// <see cref="ArchiveCsvParser.ParseRow(ReadOnlySpan{byte}, string, long)"/> validates them (the same rows are refused
/// with the same message), without a <see cref="Candle"/> or a <see cref="decimal"/> per row: a value already in the
/// form <see cref="decimal"/> writes is carried as it came, any other is parsed and written in that form, so the text
/// is what the object path would write. The usual row (digits and points only, plain values) is read in one pass
/// (<see cref="TryReadUsual"/>); any other takes the general path, which refuses or rewrites it.
/// </summary>
internal sealed class ArchiveTextRowSink(UtcRange range, CandleTextRows rows) : ArchiveRowSink(range)
{
    // The columns a kline row holds as decimals, in the order ParseRow reads them (so the first bad one is named alike).
    private static readonly (int Column, string Name)[] s_decimals =
    [
        (1, "open"), (2, "high"), (3, "low"), (4, "close"), (5, "volume"),
        (7, "quote_volume"), (9, "taker_buy_volume"), (10, "taker_buy_quote_volume"),
    ];

    // A plain value of at most this many digits is a decimal that writes back as the very same text.
    private const int MaxPlainDigits = 28;

    private const long MinuteMs = 60_000;

    // Above this an open time cannot be milliseconds (year 2286) and is read as microseconds (as ReadHead reads it).
    private const long MicrosecondThreshold = 10_000_000_000_000;

    private static readonly long MaxOpenTimeMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private static readonly SearchValues<byte> s_usualBytes = SearchValues.Create("0123456789.,"u8);

    private readonly Range[] _fields = new Range[ArchiveCsvParser.Columns + 1];
    private readonly int[] _commas = new int[ArchiveCsvParser.Columns - 1];

    // Where ",open,high,low,close,volume" lies in the row just read, when its five values are plain (kept as they are).
    private Range? _plainValues;

    protected override long Read(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (TryReadUsual(line, out var openTime))
        {
            // From the first comma to the sixth.
            _plainValues = new Range(_commas[0], _commas[5]);
            return openTime;
        }
        openTime = ArchiveCsvParser.ReadHead(line, _fields, lineNumber, out _);
        var valuesPlain = true;
        foreach (var (column, name) in s_decimals)
        {
            var text = line[_fields[column]];
            if (IsPlain(text))
                continue;
            _ = ArchiveCsvParser.Value(text, name, lineNumber);
            if (column <= 5)
                valuesPlain = false;
        }
        _plainValues = valuesPlain ? new Range(_fields[0].End, _fields[5].End) : null;
        return openTime;
    }

    protected override void Keep(ReadOnlySpan<byte> line, long openTimeMs)
    {
        if (_plainValues is { } plain)
        {
            // ",open,high,low,close,volume" exactly as the file has it.
            rows.Add(openTimeMs, line[plain]);
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

    /// <summary>
    /// The usual row, read in one pass: twelve fields of digits and points only, the open time and the trade count
    /// integers of at most 18 digits, the open time on a whole minute, every decimal column plain
    /// (<see cref="IsPlain"/>). False for anything else, which the general path then reads (and refuses with its
    /// message): this path accepts a subset of what it accepts, and keeps the same text.
    /// </summary>
    private bool TryReadUsual(ReadOnlySpan<byte> line, out long openTime)
    {
        openTime = 0;
        if (line.IndexOfAnyExcept(s_usualBytes) >= 0 || !FindCommas(line, _commas))
            return false;
        var commas = _commas;
        if (!TryInteger(line[..commas[0]], out openTime) || !TryInteger(line[(commas[7] + 1)..commas[8]], out _))
            return false;
        if (openTime > MicrosecondThreshold)
            openTime /= 1000;
        if (openTime > MaxOpenTimeMs || openTime % MinuteMs != 0)
            return false;
        // Columns 1-5, 7, 9 and 10 hold decimals; 6 (close time) and 11 (ignore) are not read.
        if (!IsPlainDigits(line[(commas[0] + 1)..commas[1]]) || !IsPlainDigits(line[(commas[1] + 1)..commas[2]])
            || !IsPlainDigits(line[(commas[2] + 1)..commas[3]]) || !IsPlainDigits(line[(commas[3] + 1)..commas[4]])
            || !IsPlainDigits(line[(commas[4] + 1)..commas[5]]) || !IsPlainDigits(line[(commas[6] + 1)..commas[7]])
            || !IsPlainDigits(line[(commas[8] + 1)..commas[9]]) || !IsPlainDigits(line[(commas[9] + 1)..commas[10]]))
            return false;
        return true;
    }

    /// <summary>Exactly eleven commas (twelve fields), their positions in <paramref name="commas"/>.</summary>
    private static bool FindCommas(ReadOnlySpan<byte> line, int[] commas)
    {
        var found = 0;
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var comma = Vector128.Create((byte)',');
            ref var start = ref MemoryMarshal.GetReference(line);
            for (; i + Vector128<byte>.Count <= line.Length; i += Vector128<byte>.Count)
            {
                var mask = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)i), comma).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    if (found == commas.Length)
                        return false;
                    commas[found++] = i + BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                }
            }
        }
        for (; i < line.Length; i++)
        {
            if (line[i] != (byte)',')
                continue;
            if (found == commas.Length)
                return false;
            commas[found++] = i;
        }
        return found == commas.Length;
    }

    /// <summary>Digits only (the caller checked the bytes), 1 to 18 of them: a non-negative long.</summary>
    private static bool TryInteger(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
            return false;
        foreach (var c in text)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
                return false;
            value = value * 10 + digit;
        }
        return true;
    }

    /// <summary><see cref="IsPlain"/> for text of digits and points only (the caller checked the bytes).</summary>
    private static bool IsPlainDigits(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || text.Length > MaxPlainDigits + 1)
            return false;
        // A scalar pass: fields are a few bytes, too short for a vectorised search to pay for its call.
        var point = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != (byte)'.')
                continue;
            if (point >= 0)
                return false;
            point = i;
        }
        if (point < 0)
            return text.Length <= MaxPlainDigits && (text[0] != (byte)'0' || text.Length == 1);
        // One point, with digits on both sides, and a leading zero only right before it.
        return point > 0 && point < text.Length - 1 && (text[0] != (byte)'0' || point == 1);
    }

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
