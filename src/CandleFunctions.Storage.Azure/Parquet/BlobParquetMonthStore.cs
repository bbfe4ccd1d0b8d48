using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Azure.Blob;
using CandleFunctions.Storage.Parquet;

namespace CandleFunctions.Storage.Azure.Parquet;

/// <summary>
/// Month files as blobs with the local names (<c>parquet/symbol=SYMBOL/month=YYYY-MM.parquet</c>, ledger
/// <c>parquet/symbol=SYMBOL/_ledger.json</c>), mirrored into a local folder byte for byte. A month is replaced by one
/// Put Blob conditional on the version last read, so a reader sees the old file or the new and two writers never lose
/// each other's rows: the loser re-reads, unites the rows and tries again. Ledger updates only add ranges, the same way.
/// The mirror is written after the blob; a local copy whose MD5 differs from the blob's is downloaded again before use.
/// A month only the local folder has (an earlier local-only run) is read from there, so its rows are kept and merged.
/// </summary>
public sealed class BlobParquetMonthStore : IParquetMonthStore
{
    private static readonly BlobHttpHeaders s_monthHeaders = new() { ContentType = "application/vnd.apache.parquet" };

    private readonly BlobContainerClient _container;
    private readonly int _maxCommitAttempts;

    // The version of each month last read or written (null: read as absent); a write is conditional on it.
    private readonly ConcurrentDictionary<(string Symbol, DateOnly Month), ETag?> _versions = new();

    public BlobParquetMonthStore(BlobContainerClient container, LocalParquetMonthStore? mirror, BlobCandleStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(options);
        _container = container;
        _maxCommitAttempts = options.MaxCommitAttempts;
        Mirror = mirror;
        Endpoint = container.GetParentBlobServiceClient().Uri;
    }

    /// <summary>The local folder kept identical to the container (null: blob only).</summary>
    public LocalParquetMonthStore? Mirror { get; }

    /// <summary>The storage account's blob endpoint.</summary>
    public Uri Endpoint { get; }

    /// <inheritdoc />
    public string Location => _container.Uri + "/" + ParquetLayout.Root;

    /// <summary>The blob name of a month file.</summary>
    public static string MonthBlobName(string symbol, DateOnly month) => Prefix(symbol) + ParquetLayout.MonthFile(month);

    /// <summary>The blob name of a symbol's Parquet ledger.</summary>
    public static string LedgerBlobName(string symbol) => Prefix(symbol) + ParquetLayout.LedgerName;

    /// <inheritdoc />
    public Task<IReadOnlyList<DateOnly>> ListMonthsAsync(string symbol, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var months = new SortedSet<DateOnly>();
            await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix(symbol) }, cancellationToken))
            {
                if (ParquetLayout.ParseMonthFile(item.Name[Prefix(symbol).Length..]) is { } month)
                    months.Add(month);
            }
            if (Mirror is not null)
                months.UnionWith(await Mirror.ListMonthsAsync(symbol, cancellationToken));
            return (IReadOnlyList<DateOnly>)months.ToList();
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Candle>> ReadMonthAsync(string symbol, DateOnly month, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var copy = await FetchAsync(symbol, month, cancellationToken);
            if (copy is null)
                return Mirror is null ? [] : await Mirror.ReadMonthAsync(symbol, month, cancellationToken);
            if (copy.Length == 0)
                return await Mirror!.ReadMonthAsync(symbol, month, cancellationToken);
            using var stream = new MemoryStream(copy, writable: false);
            return (IReadOnlyList<Candle>)await ParquetCandleFile.ReadAsync(stream, MonthBlobName(symbol, month), symbol, cancellationToken);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<MonthSummary> SummarizeMonthAsync(string symbol, DateOnly month, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var copy = await FetchAsync(symbol, month, cancellationToken);
            if (copy is null)
                return Mirror is null ? new MonthSummary(0, null, null) : await Mirror.SummarizeMonthAsync(symbol, month, cancellationToken);
            if (copy.Length == 0)
                return await Mirror!.SummarizeMonthAsync(symbol, month, cancellationToken);
            using var stream = new MemoryStream(copy, writable: false);
            return await ParquetCandleFile.SummarizeAsync(stream, MonthBlobName(symbol, month), cancellationToken);
        }, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="BlobStoreException">The service failed, or other writers kept winning the race.</exception>
    public Task WriteMonthAsync(string symbol, DateOnly month, IReadOnlyList<Candle> rows, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var blob = _container.GetBlobClient(MonthBlobName(symbol, month));
            var key = (symbol, month);
            if (!_versions.ContainsKey(key))
                rows = MonthRows.Union(await ReadMonthAsync(symbol, month, cancellationToken), rows);
            for (var attempt = 1; ; attempt++)
            {
                var content = await SerializeAsync(symbol, rows, cancellationToken);
                var conditions = _versions[key] is { } version ? new BlobRequestConditions { IfMatch = version } : new BlobRequestConditions { IfNoneMatch = ETag.All };
                try
                {
                    var headers = new BlobHttpHeaders { ContentType = s_monthHeaders.ContentType, ContentHash = MD5.HashData(content) };
                    var response = await blob.UploadAsync(new BinaryData(content), new BlobUploadOptions { HttpHeaders = headers, Conditions = conditions }, cancellationToken);
                    _versions[key] = response.Value.ETag;
                    if (Mirror is not null)
                        await Mirror.WriteMonthBytesAsync(symbol, month, content, CancellationToken.None);
                    return true;
                }
                catch (RequestFailedException e) when (BlobFailures.IsConflict(e) && attempt < _maxCommitAttempts)
                {
                    // Another writer replaced the month: keep its rows and ours (a minute holds the same candle in both).
                    _versions.TryRemove(key, out _);
                    rows = MonthRows.Union(await ReadMonthAsync(symbol, month, cancellationToken), rows);
                    await ConflictBackoff.WaitAsync(attempt, cancellationToken);
                }
                catch (RequestFailedException e) when (e.ErrorCode == "ContainerNotFound" && attempt < _maxCommitAttempts)
                {
                    await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                }
            }
        }, cancellationToken);

    /// <inheritdoc />
    public Task<CoverageSet?> ReadLedgerAsync(string symbol, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var ledger = await LedgerBlob.ReadAsync(LedgerClient(symbol), symbol, cancellationToken);
            if (Mirror is not null)
                await MirrorLedgerAsync(symbol, ledger?.Covered, cancellationToken);
            return ledger?.Covered;
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The ledger becomes what it holds by then united with <paramref name="covered"/>: ledgers only grow.</remarks>
    public Task WriteLedgerAsync(string symbol, CoverageSet covered, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var ledger = await LedgerBlob.AddAsync(
                LedgerClient(symbol), symbol, () => Task.FromResult(CoverageSet.Empty), covered, _maxCommitAttempts, cancellationToken);
            if (Mirror is not null)
                await MirrorLedgerAsync(symbol, ledger.Covered, CancellationToken.None);
            return true;
        }, cancellationToken);

    /// <summary>
    /// The month's blob content, or an empty array when the mirror's copy is the blob's (read it from there), or null
    /// when there is no blob. Remembers the version for the next write.
    /// </summary>
    private async Task<byte[]?> FetchAsync(string symbol, DateOnly month, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(MonthBlobName(symbol, month));
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (BlobFailures.IsNotFound(e))
        {
            _versions[(symbol, month)] = null;
            return null;
        }
        if (Mirror is not null && properties.ContentHash is { Length: > 0 } hash && LocalHashEquals(Mirror.MonthPath(symbol, month), hash))
        {
            _versions[(symbol, month)] = properties.ETag;
            return [];
        }
        try
        {
            var download = (await blob.DownloadContentAsync(cancellationToken)).Value;
            var content = download.Content.ToArray();
            _versions[(symbol, month)] = download.Details.ETag;
            if (Mirror is not null)
                await Mirror.WriteMonthBytesAsync(symbol, month, content, cancellationToken);
            return content;
        }
        catch (RequestFailedException e) when (BlobFailures.IsNotFound(e))
        {
            _versions[(symbol, month)] = null;
            return null;
        }
    }

    private async Task MirrorLedgerAsync(string symbol, CoverageSet? covered, CancellationToken cancellationToken)
    {
        var local = await Mirror!.ReadLedgerAsync(symbol, cancellationToken);
        if (covered is null)
        {
            // No ledger in the container: the local one (an earlier local-only run's) vouches for rows the container
            // may not hold. The rows stay and are merged; their ranges are fetched again.
            if (local is not null)
                File.Delete(Mirror.LedgerPath(symbol));
            return;
        }
        if (local is null || !local.Equals(covered))
            await Mirror.WriteLedgerAsync(symbol, covered, cancellationToken);
    }

    private static bool LocalHashEquals(string path, byte[] hash)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            return MD5.HashData(stream).AsSpan().SequenceEqual(hash);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    private static async Task<byte[]> SerializeAsync(string symbol, IReadOnlyList<Candle> rows, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await ParquetCandleFile.WriteAsync(buffer, symbol, rows, cancellationToken);
        return buffer.ToArray();
    }

    private static string Prefix(string symbol) => ParquetLayout.Root + "/" + ParquetLayout.SymbolFolder(symbol) + "/";

    private BlobClient LedgerClient(string symbol) => _container.GetBlobClient(LedgerBlobName(symbol));

    private Task<T> Guard<T>(Func<Task<T>> action, CancellationToken cancellationToken) =>
        BlobFailures.GuardAsync(Endpoint, action, cancellationToken);
}
