using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Csv;

namespace CandleFunctions.Storage.Local;

/// <summary>The three ways a commit writes candle data: create, append, merge.</summary>
internal static class CandleFileWriter
{
    /// <summary>Creates the file (atomically, so no half-written header is ever visible).</summary>
    public static Task CreateAsync(string path, IReadOnlyList<Candle> candles, CancellationToken cancellationToken) =>
        CreateAsync(path, CommitRows.Of(candles), cancellationToken);

    /// <summary>Creates the file (atomically, so no half-written header is ever visible).</summary>
    public static Task CreateAsync(string path, CommitRows rows, CancellationToken cancellationToken) =>
        AtomicFile.ReplaceStreamAsync(
            path,
            async stream =>
            {
                await stream.WriteAsync(CandleCsv.Encoding.GetBytes(CandleCsv.Header + "\n"), cancellationToken);
                await rows.WriteAsync(stream, cancellationToken);
                return true;
            },
            cancellationToken);

    /// <summary>Appends rows to the end of the file and flushes them to disk.</summary>
    public static async Task AppendAsync(string path, CommitRows rows, bool needsNewline)
    {
        // Not cancellable once started: a half-written batch would only be dropped again on the next load.
        // Unbuffered: rows arrive in 64 KB chunks already; a buffer would be one more 64 KB allocation per commit.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 0);
        stream.Seek(0, SeekOrigin.End);
        if (needsNewline)
            stream.WriteByte((byte)'\n');
        await rows.WriteAsync(stream, CancellationToken.None);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Rewrites the file with the stored rows and <paramref name="candles"/> in order, keeping the stored row where both
    /// have a minute; returns how many candles were added and the minutes the stored rows cover.
    /// </summary>
    public static async Task<(long Added, CoverageSet StoredMinutes)> MergeAsync(
        string path,
        string symbol,
        long length,
        IReadOnlyList<Candle> candles,
        CancellationToken cancellationToken)
    {
        using var handle = CandleFileReader.Open(path);
        return await AtomicFile.ReplaceAsync(
            path,
            writer => CandleRowMerge.WriteAsync(
                writer,
                CandleFileReader.ReadAsync(handle, path, symbol, length, cancellationToken),
                candles,
                cancellationToken),
            cancellationToken);
    }

    /// <summary>Cuts an in-flight tail off the file, durably.</summary>
    public static void Truncate(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.SetLength(length);
        stream.Flush(flushToDisk: true);
    }
}
