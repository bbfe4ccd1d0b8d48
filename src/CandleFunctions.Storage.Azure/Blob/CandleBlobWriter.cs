using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Csv;

namespace CandleFunctions.Storage.Azure.Blob;

/// <summary>
/// The three ways a commit writes a candle blob, each one conditional request that either lands whole or fails with a
/// conflict: create (if none exists), append (stage the new rows, commit the old blocks plus the new), rewrite (merge).
/// </summary>
internal sealed class CandleBlobWriter(BlobCandleStoreOptions options)
{
    private static readonly BlobHttpHeaders s_headers = new() { ContentType = "text/csv; charset=utf-8" };

    /// <summary>Creates the blob holding the header and <paramref name="candles"/>; fails with a conflict if it exists.</summary>
    public async Task<BlobDataWrite> CreateAsync(BlockBlobClient blob, IReadOnlyList<Candle> candles, CancellationToken cancellationToken)
    {
        var staged = await StageAsync(blob, async writer =>
        {
            await writer.WriteAsync(CandleCsv.Header + "\n");
            await CandleCsv.WriteRowsAsync(writer, candles, cancellationToken);
        }, cancellationToken);
        var after = await CommitAsync(blob, staged.BlockIds, CandleBlobMetadata.Of(candles), new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken);
        return new BlobDataWrite(new CommitResult(candles.Count, Appended: false), null, false, after, staged.Written, CoverageSet.Empty, staged.Written);
    }

    /// <summary>
    /// Replaces the blob with the header and <paramref name="candles"/>, only if it is still version
    /// <paramref name="expected"/> (a repair computed from that version must not overwrite another writer's rows).
    /// </summary>
    public async Task<ETag> ReplaceAsync(BlockBlobClient blob, IReadOnlyList<Candle> candles, ETag expected, CancellationToken cancellationToken)
    {
        var staged = await StageAsync(blob, async writer =>
        {
            await writer.WriteAsync(CandleCsv.Header + "\n");
            await CandleCsv.WriteRowsAsync(writer, candles, cancellationToken);
        }, cancellationToken);
        return await CommitAsync(blob, staged.BlockIds, CandleBlobMetadata.Of(candles), new BlobRequestConditions { IfMatch = expected }, cancellationToken);
    }

    /// <summary>Appends <paramref name="candles"/> as new blocks; null when the blob cannot take an append (not ours, older rows, too many blocks).</summary>
    public async Task<BlobDataWrite?> TryAppendAsync(
        BlockBlobClient blob,
        BlobDataState data,
        IReadOnlyList<Candle> candles,
        CancellationToken cancellationToken)
    {
        if (data.Metadata is not { } metadata || (metadata.Last is { } last && candles[0].Timestamp <= last))
            return null;
        var list = await blob.GetBlockListAsync(BlockListTypes.Committed, cancellationToken: cancellationToken);
        // The list may belong to a newer version than the one read; the commit's ETag condition then refuses it.
        var committed = list.Value.CommittedBlocks.ToList();
        if (committed.Count == 0 || committed.Sum(b => b.SizeLong) != data.Length || committed.Count >= options.MaxBlocks)
            return null;
        var staged = await StageAsync(blob, writer => CandleCsv.WriteRowsAsync(writer, candles, cancellationToken), cancellationToken);
        var after = await CommitAsync(
            blob,
            committed.Select(b => b.Name).Concat(staged.BlockIds),
            metadata.Append(candles),
            new BlobRequestConditions { IfMatch = data.ETag },
            cancellationToken);
        return new BlobDataWrite(new CommitResult(candles.Count, Appended: true), data.ETag, true, after, data.Length + staged.Written, null, staged.Written);
    }

    /// <summary>Rewrites the blob with its rows merged with <paramref name="candles"/>, committing only if it is still the version read.</summary>
    public async Task<BlobDataWrite> RewriteAsync(
        BlockBlobClient blob,
        string symbol,
        BlobDataState data,
        IReadOnlyList<Candle> candles,
        CancellationToken cancellationToken)
    {
        var download = await blob.DownloadStreamingAsync(
            new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = data.ETag } },
            cancellationToken);
        (long Added, CoverageSet StoredMinutes) merged = (0, CoverageSet.Empty);
        StagedBlocks staged;
        await using (var content = download.Value.Content)
        {
            staged = await StageAsync(blob, async writer =>
            {
                var stored = CandleCsv.ReadAsync(content, blob.Uri.ToString(), symbol, cancellationToken);
                merged = await CandleRowMerge.WriteAsync(writer, stored, candles, cancellationToken);
            }, cancellationToken);
        }
        var after = await CommitAsync(blob, staged.BlockIds, Summarize(merged.StoredMinutes, merged.Added, candles), new BlobRequestConditions { IfMatch = data.ETag }, cancellationToken);
        return new BlobDataWrite(new CommitResult(merged.Added, Appended: false), data.ETag, data.Metadata is not null, after, staged.Written, merged.StoredMinutes, staged.Written);
    }

    private static CandleBlobMetadata Summarize(CoverageSet stored, long added, IReadOnlyList<Candle> candles)
    {
        var count = (long)stored.Duration.TotalMinutes + added;
        DateTimeOffset? first = stored.IsEmpty ? null : stored.Ranges[0].Start;
        DateTimeOffset? last = stored.IsEmpty ? null : stored.Ranges[^1].End - MinuteTime.OneMinute;
        if (candles.Count > 0)
        {
            first = first is { } f && f < candles[0].Timestamp ? f : candles[0].Timestamp;
            last = last is { } l && l > candles[^1].Timestamp ? l : candles[^1].Timestamp;
        }
        return new CandleBlobMetadata(count, first, last);
    }

    private async Task<StagedBlocks> StageAsync(BlockBlobClient blob, Func<TextWriter, Task> write, CancellationToken cancellationToken)
    {
        var staging = new BlockStagingStream(blob, options.BlockSize, cancellationToken);
        await using (var writer = new StreamWriter(staging, CandleCsv.Encoding, 1 << 16, leaveOpen: true))
        {
            await write(writer);
            await writer.FlushAsync(cancellationToken);
        }
        await staging.CompleteAsync();
        return new StagedBlocks(staging.BlockIds, staging.Written);
    }

    private static async Task<ETag> CommitAsync(
        BlockBlobClient blob,
        IEnumerable<string> blockIds,
        CandleBlobMetadata metadata,
        BlobRequestConditions conditions,
        CancellationToken cancellationToken)
    {
        var response = await blob.CommitBlockListAsync(
            blockIds,
            new CommitBlockListOptions { HttpHeaders = s_headers, Metadata = metadata.ToDictionary(), Conditions = conditions },
            cancellationToken);
        return response.Value.ETag;
    }

    private sealed record StagedBlocks(List<string> BlockIds, long Written);
}
