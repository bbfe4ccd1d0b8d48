using CandleFunctions.Core.Candles;

namespace CandleFunctions.Staging;

/// <summary>
/// Staging in a local folder: right for one machine (Core Tools, tests). On a scaled-out plan, activities run on
/// different instances, so staging there must be a blob container. With <paramref name="keepKlineExtras"/> pages keep
/// every kline field (for the Parquet files).
/// </summary>
public sealed class LocalChunkStaging(string directory, bool keepKlineExtras = false) : IChunkStaging
{
    /// <inheritdoc />
    public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(name)));

    /// <inheritdoc />
    public async Task WriteAsync(string name, IReadOnlyList<Candle> candles, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
            await StagedPageCodec.WriteAsync(stream, candles, keepKlineExtras, cancellationToken);
        // Rename last: a page that exists is complete.
        File.Move(temp, path, overwrite: true);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>?> ReadAsync(string name, string symbol, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
            return null;
        await using var stream = File.OpenRead(path);
        return await StagedPageCodec.ReadAsync(stream, name, symbol, cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(name));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> DeleteLeftoversAsync(string symbol, string keepPrefix, DateTimeOffset writtenBefore, CancellationToken cancellationToken)
    {
        var folder = PathOf(StagingNames.SymbolPrefix(symbol));
        if (!Directory.Exists(folder))
            return Task.FromResult(0);
        var keep = PathOf(keepPrefix);
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            if (file.StartsWith(keep, StringComparison.Ordinal) || File.GetLastWriteTimeUtc(file) >= writtenBefore.UtcDateTime)
                continue;
            File.Delete(file);
            deleted++;
        }
        return Task.FromResult(deleted);
    }

    private string PathOf(string name)
    {
        var full = Path.GetFullPath(Path.Combine(directory, name));
        if (!full.StartsWith(Path.GetFullPath(directory), StringComparison.Ordinal))
            throw new ArgumentException($"Staging name '{name}' leaves the staging folder.", nameof(name));
        return full;
    }
}
