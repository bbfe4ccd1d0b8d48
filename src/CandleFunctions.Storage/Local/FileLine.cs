using System.Text;
using Microsoft.Win32.SafeHandles;

namespace CandleFunctions.Storage.Local;

/// <summary>One line of a file: where it starts, its text (line break excluded) and whether a '\n' ends it.</summary>
internal readonly record struct FileLine(long Start, string Text, bool Terminated)
{
    // Longer lines are not candle rows; reading them whole would only waste memory.
    private const int MaxLineBytes = 1 << 16;

    /// <summary>The first line of the first <paramref name="end"/> bytes, or null when there are none.</summary>
    public static FileLine? First(SafeFileHandle handle, long end)
    {
        if (end == 0)
            return null;
        var buffer = new byte[(int)Math.Min(end, MaxLineBytes + 1)];
        var read = RandomAccess.Read(handle, buffer, 0);
        var newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
        var length = newline >= 0 ? newline : read;
        return new FileLine(0, Encoding.UTF8.GetString(buffer, 0, length), newline >= 0);
    }

    /// <summary>The last line of the first <paramref name="end"/> bytes, or null when there are none.</summary>
    public static FileLine? Last(SafeFileHandle handle, long end)
    {
        if (end == 0)
            return null;
        Span<byte> one = stackalloc byte[1];
        RandomAccess.Read(handle, one, end - 1);
        var terminated = one[0] == (byte)'\n';
        var contentEnd = terminated ? end - 1 : end;
        var start = FindLineStart(handle, contentEnd);
        if (contentEnd - start > MaxLineBytes)
            return new FileLine(start, "", terminated);
        var bytes = new byte[contentEnd - start];
        var read = RandomAccess.Read(handle, bytes, start);
        return new FileLine(start, Encoding.UTF8.GetString(bytes, 0, read), terminated);
    }

    private static long FindLineStart(SafeFileHandle handle, long contentEnd)
    {
        var chunk = new byte[4096];
        var position = contentEnd;
        while (position > 0)
        {
            var chunkStart = Math.Max(0, position - chunk.Length);
            var span = chunk.AsSpan(0, (int)(position - chunkStart));
            RandomAccess.Read(handle, span, chunkStart);
            var newline = span.LastIndexOf((byte)'\n');
            if (newline >= 0)
                return chunkStart + newline + 1;
            position = chunkStart;
        }
        return position;
    }
}
