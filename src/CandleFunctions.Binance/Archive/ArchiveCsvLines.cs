using System.Buffers;

namespace CandleFunctions.Binance.Archive;

/// <summary>
/// Splits an archive CSV stream into lines, straight from its UTF-8 bytes in a pooled buffer (no string per line), and
/// hands each to an <see cref="ArchiveRowSink"/>.
/// </summary>
internal static class ArchiveCsvLines
{
    private const int BufferSize = 1 << 16;

    // A kline row is ~150 bytes; a "line" longer than this is not one (and must not grow the buffer without bound).
    private const int MaxLineBytes = 1 << 20;

    /// <summary>Reads <paramref name="csv"/> to its end, line by line, into <paramref name="sink"/>.</summary>
    public static void Read(Stream csv, ArchiveRowSink sink)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var filled = 0;
            var atStart = true;
            while (true)
            {
                if (filled == buffer.Length)
                    buffer = Grow(buffer, sink.LineNumber + 1);
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
                    sink.Line(data.Slice(consumed, newline));
                    consumed += newline + 1;
                }
                if (read == 0)
                {
                    if (consumed < filled)
                        sink.Line(data[consumed..]);
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

    private static byte[] Grow(byte[] buffer, long lineNumber)
    {
        if (buffer.Length >= MaxLineBytes)
            throw new ArchiveFormatException($"a line is longer than {MaxLineBytes:N0} bytes.", lineNumber);
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.CopyTo(bigger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
