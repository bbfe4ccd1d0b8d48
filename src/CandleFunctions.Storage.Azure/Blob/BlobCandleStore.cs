using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Csv;
using CandleFunctions.Storage.Local;
using CandleFunctions.Storage.Parquet;
using CandleFunctions.Storage.Symbols;

namespace CandleFunctions.Storage.Azure.Blob;

/// <summary>
/// Keeps candles in the block blob <c>SYMBOL.csv</c> (the local file's exact bytes) and coverage in <c>SYMBOL.ledger.json</c>
/// in one container. Every write is conditional on the version read, so concurrent writers (other processes, the
/// Functions app) never lose each other's rows: the loser re-reads, merges and retries. Thread-safe.
/// </summary>
public sealed class BlobCandleStore : ICandleStore, IRepairableStore
{
    private readonly BlobContainerClient _container;
    private readonly BlobCandleStoreOptions _options;
    private readonly CandleBlobWriter _writer;

    // The version each symbol's rows were last read at for a repair: the repair is committed only over that version.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ETag> _readForRepair = new(StringComparer.Ordinal);

    public BlobCandleStore(BlobContainerClient container, BlobCandleStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(options);
        _container = container;
        _options = options;
        _writer = new CandleBlobWriter(options);
        Endpoint = container.GetParentBlobServiceClient().Uri;
    }

    /// <summary>Connects to the container named by <paramref name="options"/> (no request is sent until first use).</summary>
    /// <exception cref="BlobStoreException">The connection string cannot be used.</exception>
    public static BlobCandleStore Connect(BlobCandleStoreOptions options, Action<BlobClientOptions>? configure = null) =>
        new(BlobClientFactory.CreateContainerClient(options, configure), options);

    /// <summary>The storage account's blob endpoint.</summary>
    public Uri Endpoint { get; }

    /// <summary>The container's URI.</summary>
    public Uri ContainerUri => _container.Uri;

    /// <summary>The Parquet month files in the same container (same client and options), mirrored into <paramref name="mirror"/> when given.</summary>
    public Parquet.BlobParquetMonthStore ParquetMonths(LocalParquetMonthStore? mirror) => new(_container, mirror, _options);

    /// <summary>The candle blob's name for <paramref name="symbol"/>.</summary>
    public static string DataBlobName(string symbol) => SymbolName.Validate(symbol) + ".csv";

    /// <summary>The ledger blob's name for <paramref name="symbol"/>.</summary>
    public static string LedgerBlobName(string symbol) => SymbolName.Validate(symbol) + ".ledger.json";

    /// <summary>Creates the container when missing; the first request, so it reports an unusable endpoint early.</summary>
    /// <exception cref="BlobStoreException">The service cannot be reached or refuses the request.</exception>
    public Task EnsureContainerAsync(CancellationToken cancellationToken) =>
        Guard(async () => (await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken)) is not null, cancellationToken);

    /// <inheritdoc />
    public Task<StoredSymbol> LoadAsync(string symbol, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var ledger = await LedgerBlob.ReadAsync(LedgerClient(symbol), symbol, cancellationToken);
            var data = await ReadDataStateAsync(DataClient(symbol), cancellationToken);
            if (data is null)
                return new StoredSymbol(symbol, CoverageSet.Empty, null, null, 0, Adopted: false) { LedgerWithoutData = ledger is not null };
            if (ledger is not null && data.Metadata is { } metadata)
                return new StoredSymbol(symbol, ledger.Covered, metadata.First, metadata.Last, metadata.Count, Adopted: false);
            var minutes = new MinuteRangeBuilder();
            DateTimeOffset? first = null;
            await foreach (var candle in ReadCoreAsync(symbol, cancellationToken))
            {
                first ??= candle.Timestamp;
                minutes.Add(candle.Timestamp);
            }
            return new StoredSymbol(symbol, ledger?.Covered ?? minutes.Build(), first, minutes.Last, minutes.Count, Adopted: ledger is null);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<CommitResult> CommitAsync(
        string symbol,
        IReadOnlyList<Candle> candles,
        CoverageSet newlyCovered,
        CancellationToken cancellationToken)
    {
        CommitValidation.Validate(SymbolName.Validate(symbol), candles, newlyCovered);
        if (candles.Count == 0 && newlyCovered.IsEmpty)
            return new CommitResult(0, Appended: false);
        return (await CommitCoreAsync(symbol, candles, newlyCovered, cancellationToken)).Result;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Candle> ReadAsync(string symbol, CancellationToken cancellationToken) =>
        BlobFailures.GuardAsync(Endpoint, ReadCoreAsync(SymbolName.Validate(symbol), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<RepairTarget> InspectAsync(string symbol, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var ledger = await LedgerBlob.ReadAsync(LedgerClient(symbol), symbol, cancellationToken);
            var data = await ReadDataStateAsync(DataClient(symbol), cancellationToken);
            // Our commits write the data, then the ledger: a blob with our metadata and no ledger is one of them halfway.
            return new RepairTarget(data is { Length: > 0 }, ledger?.Covered, WrittenByUs: data?.Metadata is not null);
        }, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<Candle> ReadWrittenRowsAsync(string symbol, CancellationToken cancellationToken) =>
        BlobFailures.GuardAsync(Endpoint, ReadWrittenCoreAsync(SymbolName.Validate(symbol), cancellationToken), cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ChangedDuringRepairException">Another writer changed the blob meanwhile (nothing of ours was committed over it).</exception>
    public Task ReplaceAsync(string symbol, IReadOnlyList<Candle> candles, CoverageSet covered, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            CommitValidation.Validate(SymbolName.Validate(symbol), candles, covered);
            var ledger = await LedgerBlob.ReadAsync(LedgerClient(symbol), symbol, cancellationToken);
            var data = await ReadDataStateAsync(DataClient(symbol), cancellationToken);
            try
            {
                var ledgerETag = ledger?.ETag;
                if (ledger is not null)
                    ledgerETag = (await LedgerBlob.SetAsync(LedgerClient(symbol), symbol, ledger.Covered.Intersect(covered), ledger.ETag, cancellationToken)).ETag;
                var read = _readForRepair.TryRemove(symbol, out var version) ? version : data?.ETag;
                if (read is { } expected)
                    await _writer.ReplaceAsync(DataClient(symbol), candles, expected, cancellationToken);
                else
                    await _writer.CreateAsync(DataClient(symbol), candles, cancellationToken);
                await LedgerBlob.SetAsync(LedgerClient(symbol), symbol, covered, ledgerETag, cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (BlobFailures.IsConflict(e))
            {
                throw new ChangedDuringRepairException($"blob storage at {Endpoint}: {DataBlobName(symbol)} changed while it was being repaired; nothing was overwritten, run again", e);
            }
        }, cancellationToken);

    /// <summary>Commits data then ledger, retrying lost races; validation is the caller's.</summary>
    internal Task<BlobCommitOutcome> CommitCoreAsync(
        string symbol,
        IReadOnlyList<Candle> candles,
        CoverageSet newlyCovered,
        CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var data = await WriteDataAsync(symbol, candles, cancellationToken);
            var ledger = await LedgerBlob.AddAsync(
                LedgerClient(symbol),
                symbol,
                async () => data.PriorCoverage ?? (await LoadDataMinutesAsync(symbol, cancellationToken)),
                newlyCovered,
                _options.MaxCommitAttempts,
                cancellationToken);
            return new BlobCommitOutcome(data, ledger);
        }, cancellationToken);

    /// <summary>The current versions of the candle and ledger blobs (null when absent).</summary>
    internal Task<(ETag? Data, ETag? Ledger)> ReadVersionsAsync(string symbol, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var ledger = await ReadETagAsync(LedgerClient(symbol), cancellationToken);
            var data = await ReadETagAsync(DataClient(symbol), cancellationToken);
            return (data, ledger);
        }, cancellationToken);

    /// <summary>Downloads the candle blob into <paramref name="destination"/>; returns its version, or null when there is no blob.</summary>
    internal Task<ETag?> DownloadDataAsync(string symbol, Stream destination, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            try
            {
                var response = await DataClient(symbol).DownloadToAsync(destination, cancellationToken);
                return response.Headers.ETag;
            }
            catch (RequestFailedException e) when (BlobFailures.IsNotFound(e))
            {
                return (ETag?)null;
            }
        }, cancellationToken);

    /// <summary>Reads the ledger blob (text and version), or null when there is none.</summary>
    internal Task<BlobLedgerState?> ReadLedgerAsync(string symbol, CancellationToken cancellationToken) =>
        Guard(() => LedgerBlob.ReadAsync(LedgerClient(symbol), symbol, cancellationToken), cancellationToken);

    private async Task<BlobDataWrite> WriteDataAsync(string symbol, IReadOnlyList<Candle> candles, CancellationToken cancellationToken)
    {
        var blob = DataClient(symbol);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The ledger's version is read before the data's: if the data is then absent, that ledger is void.
                var ledgerETag = await ReadETagAsync(LedgerClient(symbol), cancellationToken);
                var data = await ReadDataStateAsync(blob, cancellationToken);
                if (data is null)
                {
                    if (ledgerETag is { } voidLedger)
                        await LedgerBlob.DeleteVoidAsync(LedgerClient(symbol), voidLedger, cancellationToken);
                    return await _writer.CreateAsync(blob, candles, cancellationToken);
                }
                if (candles.Count == 0)
                    return new BlobDataWrite(new CommitResult(0, Appended: false), data.ETag, data.Metadata is not null, data.ETag, data.Length, null, 0);
                return await _writer.TryAppendAsync(blob, data, candles, cancellationToken)
                    ?? await _writer.RewriteAsync(blob, symbol, data, candles, cancellationToken);
            }
            catch (RequestFailedException e) when (BlobFailures.IsConflict(e) && attempt < _options.MaxCommitAttempts)
            {
                await ConflictBackoff.WaitAsync(attempt, cancellationToken);
            }
            catch (RequestFailedException e) when (e.ErrorCode == "ContainerNotFound" && attempt < _options.MaxCommitAttempts)
            {
                await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
        }
    }

    private async Task<CoverageSet> LoadDataMinutesAsync(string symbol, CancellationToken cancellationToken)
    {
        var minutes = new MinuteRangeBuilder();
        await foreach (var candle in ReadCoreAsync(symbol, cancellationToken))
            minutes.Add(candle.Timestamp);
        return minutes.Build();
    }

    private async IAsyncEnumerable<Candle> ReadCoreAsync(string symbol, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var blob = DataClient(symbol);
        Response<BlobDownloadStreamingResult> download;
        try
        {
            download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (BlobFailures.IsNotFound(e))
        {
            yield break;
        }
        await using var content = download.Value.Content;
        await foreach (var candle in CandleCsv.ReadAsync(content, blob.Uri.ToString(), symbol, cancellationToken))
            yield return candle;
    }

    private async IAsyncEnumerable<Candle> ReadWrittenCoreAsync(string symbol, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var blob = DataClient(symbol);
        Response<BlobDownloadStreamingResult> download;
        try
        {
            download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (BlobFailures.IsNotFound(e))
        {
            yield break;
        }
        _readForRepair[symbol] = download.Value.Details.ETag;
        await using var content = download.Value.Content;
        await foreach (var candle in CandleCsv.ReadWrittenRowsAsync(content, blob.Uri.ToString(), symbol, cancellationToken))
            yield return candle;
    }

    private static async Task<BlobDataState?> ReadDataStateAsync(BlockBlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return new BlobDataState(properties.ETag, properties.ContentLength, CandleBlobMetadata.From(properties.Metadata));
        }
        catch (RequestFailedException e) when (BlobFailures.IsNotFound(e))
        {
            return null;
        }
    }

    private static async Task<ETag?> ReadETagAsync(BlobBaseClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag;
        }
        catch (RequestFailedException e) when (BlobFailures.IsNotFound(e))
        {
            return null;
        }
    }

    private BlockBlobClient DataClient(string symbol) => _container.GetBlockBlobClient(DataBlobName(symbol));

    private BlobClient LedgerClient(string symbol) => _container.GetBlobClient(LedgerBlobName(symbol));

    private Task<T> Guard<T>(Func<Task<T>> action, CancellationToken cancellationToken) =>
        BlobFailures.GuardAsync(Endpoint, action, cancellationToken);
}
