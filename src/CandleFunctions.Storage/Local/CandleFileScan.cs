using System.Buffers;
using CandleFunctions.Storage.Csv;
using Microsoft.Win32.SafeHandles;

namespace CandleFunctions.Storage.Local;

/// <summary>
/// The summary of a file as we write it, read straight from its bytes: our header, then rows of exactly
/// <c>yyyy-MM-dd HH:mm:00</c> and five plain numbers, each ending in '\n', ascending. Every such file is one the full
/// reader (<see cref="CandleCsv.ReadAsync"/>) accepts with the same minutes; anything else (another layout, a blank
/// line, a quote, a sign or exponent, '\r', a row out of order) gives null, and the full reader decides, with its
/// messages. Every run reads every stored file this way to trust it, so this is the cost of a run with nothing to do.
/// </summary>
internal static class CandleFileScan
{
    private const int BufferBytes = 1 << 16;

    // A row we write is at most 19 + 5 × 30 + 5 bytes; a longer line is not one of ours.
    private const int MaxLineBytes = 256;

    // A plain value of at most this many digits is a number decimal reads without rounding or refusing.
    private const int MaxDigits = 28;

    private const long MinuteMs = 60_000;

    private static ReadOnlySpan<byte> Header => "timestamp,open,high,low,close,volume\n"u8;

    /// <summary>The summary of the first <paramref name="length"/> bytes, or null when they are not all in our form.</summary>
    public static CandleFileSummary? TrySummarize(SafeFileHandle handle, long length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            var minutes = new MinuteRangeBuilder();
            var day = new DayCache();
            long offset = 0;
            var filled = 0;
            var previous = long.MinValue;
            long? first = null;
            var atHeader = true;
            while (true)
            {
                var read = offset < length ? RandomAccess.Read(handle, buffer.AsSpan(filled, (int)Math.Min(buffer.Length - filled, length - offset)), offset) : 0;
                offset += read;
                filled += read;
                var data = buffer.AsSpan(0, filled);
                var consumed = 0;
                if (atHeader)
                {
                    if (filled < Header.Length && read > 0)
                        continue;
                    if (!data.StartsWith(Header))
                        return null;
                    consumed = Header.Length;
                    atHeader = false;
                }
                int newline;
                while ((newline = data[consumed..].IndexOf((byte)'\n')) >= 0)
                {
                    if (!TryRow(data.Slice(consumed, newline), ref day, ref previous))
                        return null;
                    first ??= previous;
                    minutes.Add(DateTimeOffset.FromUnixTimeMilliseconds(previous));
                    consumed += newline + 1;
                }
                if (read == 0)
                {
                    // The last row may lack its '\n' (a file whose tail was kept whole).
                    if (consumed < filled)
                    {
                        if (!TryRow(data[consumed..], ref day, ref previous))
                            return null;
                        first ??= previous;
                        minutes.Add(DateTimeOffset.FromUnixTimeMilliseconds(previous));
                    }
                    return new CandleFileSummary(
                        minutes.Build(), first is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, minutes.Last, minutes.Count);
                }
                if (filled - consumed > MaxLineBytes)
                    return null;
                data[consumed..].CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>One row in our form, later than <paramref name="previous"/> (which it becomes, in Unix ms).</summary>
    private static bool TryRow(ReadOnlySpan<byte> line, ref DayCache day, ref long previous)
    {
        if (line.Length < 19 + 5 * 2 || line[19] != (byte)',')
            return false;
        if (!day.TryStart(line[..11], out var dayStartMs)
            || line[13] != (byte)':' || line[16] != (byte)':' || line[17] != (byte)'0' || line[18] != (byte)'0'
            || !TwoDigits(line[11], line[12], out var hour) || hour > 23
            || !TwoDigits(line[14], line[15], out var minute) || minute > 59)
            return false;
        var ms = dayStartMs + (hour * 60 + minute) * MinuteMs;
        if (ms <= previous)
            return false;
        var values = line[20..];
        for (var k = 0; k < 5; k++)
        {
            var comma = values.IndexOf((byte)',');
            if (comma < 0 != (k == 4) || !IsPlain(comma < 0 ? values : values[..comma]))
                return false;
            values = comma < 0 ? [] : values[(comma + 1)..];
        }
        previous = ms;
        return true;
    }

    /// <summary>Digits, with at most one point between digits, 1 to <see cref="MaxDigits"/> digits in all.</summary>
    private static bool IsPlain(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || text.Length > MaxDigits + 1)
            return false;
        var point = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'.' && point < 0 && i > 0 && i < text.Length - 1)
                point = i;
            else if ((uint)(c - '0') > 9)
                return false;
        }
        return point >= 0 || text.Length <= MaxDigits;
    }

    private static bool TwoDigits(byte tens, byte ones, out int value)
    {
        value = (tens - '0') * 10 + (ones - '0');
        return (uint)(tens - '0') <= 9 && (uint)(ones - '0') <= 9;
    }

    /// <summary>The day of the rows being read: "yyyy-MM-dd " parsed once per day, not once per row.</summary>
    private struct DayCache
    {
        private ulong _prefix0;
        private uint _prefix1;
        private long _startMs;
        private bool _set;

        public bool TryStart(ReadOnlySpan<byte> prefix, out long startMs)
        {
            var p0 = BitConverter.ToUInt64(prefix);
            var p1 = BitConverter.ToUInt32(prefix[7..]);
            if (_set && p0 == _prefix0 && p1 == _prefix1)
            {
                startMs = _startMs;
                return true;
            }
            startMs = 0;
            if (prefix[4] != (byte)'-' || prefix[7] != (byte)'-' || prefix[10] != (byte)' '
                || !TwoDigits(prefix[0], prefix[1], out var century) || !TwoDigits(prefix[2], prefix[3], out var yearOfCentury)
                || !TwoDigits(prefix[5], prefix[6], out var month) || !TwoDigits(prefix[8], prefix[9], out var dayOfMonth))
                return false;
            var year = century * 100 + yearOfCentury;
            if (year < 1 || month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
                return false;
            startMs = new DateTimeOffset(year, month, dayOfMonth, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
            (_prefix0, _prefix1, _startMs, _set) = (p0, p1, startMs, true);
            return true;
        }
    }
}
