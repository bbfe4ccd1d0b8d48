using System.Globalization;
using System.Text;

namespace CandleFunctions.Storage.Local;

/// <summary>Replaces files atomically: write a temp file in the same folder, flush it to disk, rename it over the target.</summary>
internal static class AtomicFile
{
    private const string TempSuffix = ".tmp";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; the old content stays until the new is durable.</summary>
    public static Task<T> ReplaceAsync<T>(
        string path,
        Func<TextWriter, Task<T>> write,
        CancellationToken cancellationToken)
    {
        return ReplaceStreamAsync(
            path,
            async stream =>
            {
                await using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true);
                var result = await write(writer);
                await writer.FlushAsync(cancellationToken);
                return result;
            },
            cancellationToken);
    }

    /// <summary>Writes <paramref name="path"/>'s bytes through <paramref name="write"/>; the old content stays until the new is durable.</summary>
    public static async Task<T> ReplaceStreamAsync<T>(
        string path,
        Func<Stream, Task<T>> write,
        CancellationToken cancellationToken,
        int bufferSize = 1 << 16)
    {
        var temp = string.Create(CultureInfo.InvariantCulture, $"{path}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            T result;
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize))
            {
                result = await write(stream);
                stream.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, path, overwrite: true);
            return result;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes text to <paramref name="path"/> atomically.</summary>
    /// <remarks>
    /// A ledger is written after every commit: its few bytes go out in one write, without a text writer's 64 K-char
    /// buffer (a large-object allocation per commit, which made the archive ingest run a full collection every few
    /// dozen commits).
    /// </remarks>
    public static Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken) =>
        ReplaceStreamAsync(
            path,
            async stream =>
            {
                await stream.WriteAsync(Utf8.GetBytes(text), cancellationToken);
                return true;
            },
            cancellationToken,
            bufferSize: 0);

    /// <summary>Deletes temp files a crashed writer of <paramref name="path"/> left behind.</summary>
    public static void DeleteStrayTemps(string path)
    {
        var directory = Path.GetDirectoryName(path);
        if (directory is null || !Directory.Exists(directory))
            return;
        foreach (var stray in Directory.EnumerateFiles(directory, Path.GetFileName(path) + ".*" + TempSuffix))
            TryDelete(stray);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temp file is harmless: it is never read, and the next writer removes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
