using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Ledger;

namespace CandleFunctions.Storage.Azure.Blob;

/// <summary>Reads and updates a symbol's ledger blob; updates only ever add ranges, so a lost race is re-read and united.</summary>
internal static class LedgerBlob
{
    private static readonly BlobHttpHeaders s_headers = new() { ContentType = "application/json; charset=utf-8" };

    /// <summary>The ledger, or null when there is none.</summary>
    public static async Task<BlobLedgerState?> ReadAsync(BlobClient blob, string symbol, CancellationToken cancellationToken)
    {
        try
        {
            var download = await blob.DownloadContentAsync(cancellationToken);
            var text = download.Value.Content.ToString();
            return new BlobLedgerState(download.Value.Details.ETag, text, CoverageLedger.Parse(text, blob.Uri.ToString(), symbol));
        }
        catch (RequestFailedException e) when (BlobFailures.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>
    /// Adds <paramref name="newlyCovered"/> to the ledger; when there is none yet, starts from <paramref name="basis"/>
    /// (the coverage the data itself vouches for). Returns the ledger as stored.
    /// </summary>
    public static async Task<BlobLedgerState> AddAsync(
        BlobClient blob,
        string symbol,
        Func<Task<CoverageSet>> basis,
        CoverageSet newlyCovered,
        int maxAttempts,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ledger = await ReadAsync(blob, symbol, cancellationToken);
            var updated = (ledger?.Covered ?? await basis()).Union(newlyCovered);
            if (ledger is not null && updated.Equals(ledger.Covered))
                return ledger;
            var text = CoverageLedger.Serialize(symbol, updated);
            var conditions = ledger is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = ledger.ETag };
            try
            {
                var response = await blob.UploadAsync(
                    BinaryData.FromString(text),
                    new BlobUploadOptions { HttpHeaders = s_headers, Conditions = conditions },
                    cancellationToken);
                return new BlobLedgerState(response.Value.ETag, text, updated);
            }
            catch (RequestFailedException e) when (BlobFailures.IsConflict(e) && attempt < maxAttempts)
            {
                await ConflictBackoff.WaitAsync(attempt, cancellationToken);
            }
        }
    }

    /// <summary>Sets the ledger to exactly <paramref name="covered"/>, only if it is still version <paramref name="expected"/> (null: absent).</summary>
    public static async Task<BlobLedgerState> SetAsync(
        BlobClient blob, string symbol, CoverageSet covered, ETag? expected, CancellationToken cancellationToken)
    {
        var text = CoverageLedger.Serialize(symbol, covered);
        var conditions = expected is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        var response = await blob.UploadAsync(
            BinaryData.FromString(text),
            new BlobUploadOptions { HttpHeaders = s_headers, Conditions = conditions },
            cancellationToken);
        return new BlobLedgerState(response.Value.ETag, text, covered);
    }

    /// <summary>Deletes a ledger whose data is gone, unless it changed since it was read (then a writer made it valid).</summary>
    public static async Task DeleteVoidAsync(BlobClient blob, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.None, new BlobRequestConditions { IfMatch = etag }, cancellationToken);
        }
        catch (RequestFailedException e) when (BlobFailures.IsConflict(e))
        {
        }
    }
}
