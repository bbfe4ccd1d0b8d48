using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Staging;

/// <summary>
/// Staging in a blob container, so a page staged by an activity on one instance can be merged on another. A blob is
/// uploaded in one request, so a name that exists is complete. With <paramref name="keepKlineExtras"/> pages keep every
/// kline field (for the Parquet files).
/// </summary>
public sealed class BlobChunkStaging(BlobContainerClient container, bool keepKlineExtras = false) : IChunkStaging
{
    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) =>
        (await container.GetBlobClient(name).ExistsAsync(cancellationToken)).Value;

    /// <inheritdoc />
    public async Task WriteAsync(string name, IReadOnlyList<Candle> candles, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await StagedPageCodec.WriteAsync(buffer, candles, keepKlineExtras, cancellationToken);
        buffer.Position = 0;
        await container.GetBlobClient(name).UploadAsync(buffer, overwrite: true, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>?> ReadAsync(string name, string symbol, CancellationToken cancellationToken)
    {
        BlobDownloadResult download;
        try
        {
            download = (await container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        using var content = download.Content.ToStream();
        return await StagedPageCodec.ReadAsync(content, name, symbol, cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    /// <inheritdoc />
    public async Task<int> DeleteLeftoversAsync(string symbol, string keepPrefix, DateTimeOffset writtenBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keepPrefix);
        var deleted = 0;
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, StagingNames.SymbolPrefix(symbol), cancellationToken))
        {
            if (item.Name.StartsWith(keepPrefix, StringComparison.Ordinal) || item.Properties.LastModified is not { } written || written >= writtenBefore)
                continue;
            if ((await container.GetBlobClient(item.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value)
                deleted++;
        }
        return deleted;
    }
}
