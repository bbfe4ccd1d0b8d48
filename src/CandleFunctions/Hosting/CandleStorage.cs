using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using CandleFunctions.Staging;
using CandleFunctions.Storage;
using CandleFunctions.Storage.Azure.Blob;
using CandleFunctions.Storage.Azure.Mirror;
using CandleFunctions.Storage.Local;
using CandleFunctions.Storage.Parquet;
using CandleFunctions.Stores;

namespace CandleFunctions.Hosting;

/// <summary>
/// Where the app keeps candles, staged pages and the symbol list. With an account the container is the store of record
/// and the local folder (if named) a <see cref="MirroredCandleStore"/> kept byte-identical to it; without one, all is local.
/// The <c>Format</c> setting picks CSV, Parquet month files (blobs mirrored the same way) or both.
/// </summary>
public sealed record CandleStorage(CandleStores Stores, IChunkStaging Staging, ISymbolListSource SymbolList, StorageSetup Setup)
{
    /// <summary>The symbols file's name, in the container and in the local folder.</summary>
    public const string SymbolsFileName = "filtered_tokens.csv";

    /// <summary>Builds the storage <paramref name="options"/> describe; <paramref name="credential"/> overrides the managed identity.</summary>
    public static CandleStorage Create(CandleFunctionsOptions options, TokenCredential? credential = null, Action<BlobClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var mirrorDirectory = string.IsNullOrWhiteSpace(options.LocalMirrorDirectory) ? null : options.LocalMirrorDirectory;
        var local = mirrorDirectory is null ? null : new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = mirrorDirectory });
        ISymbolListSource? localList = mirrorDirectory is null ? null : new LocalSymbolList(Path.Combine(mirrorDirectory, SymbolsFileName));
        var localMonths = mirrorDirectory is null ? null : new LocalParquetMonthStore(mirrorDirectory);
        if (!options.HasAccount)
        {
            var localStore = InFormat(options.Format, local!, () => localMonths!);
            return new CandleStorage(new CandleStores(localStore, null), new LocalChunkStaging(options.StagingDirectory, options.Format != StorageFormat.Csv), localList!, StorageSetup.None);
        }

        var blobOptions = new BlobCandleStoreOptions { ConnectionString = options.CandlesConnectionString ?? "", ContainerName = options.CandlesContainer };
        var container = string.IsNullOrWhiteSpace(options.CandlesConnectionString)
            ? BlobClientFactory.CreateContainerClient(blobOptions, options.CandlesAccountUri!, credential ?? Identity(options), configure)
            : BlobClientFactory.CreateContainerClient(blobOptions, configure);
        var stagingContainer = container.GetParentBlobServiceClient().GetBlobContainerClient(options.StagingContainer);
        var blob = new BlobCandleStore(container, blobOptions);
        // The mirror store writes the blob first and then makes the local file byte-identical (healing it from the blob
        // when stale), which committing the same rows to two independent stores cannot promise.
        ICandleStore csv = local is null ? blob : new MirroredCandleStore(blob, local);
        var store = InFormat(options.Format, csv, () => blob.ParquetMonths(localMonths));
        return new CandleStorage(
            new CandleStores(store, null),
            new BlobChunkStaging(stagingContainer, options.Format != StorageFormat.Csv),
            new BlobSymbolList(container, localList),
            new StorageSetup([container, stagingContainer]));
    }

    /// <summary>The store the <c>Format</c> setting names, over the CSV store and the Parquet month files.</summary>
    private static ICandleStore InFormat(StorageFormat format, ICandleStore csv, Func<IParquetMonthStore> months) =>
        format switch
        {
            StorageFormat.Parquet => new ParquetCandleStore(months()),
            StorageFormat.Both => new CsvAndParquetStore(csv, new ParquetCandleStore(months())),
            _ => csv,
        };

    private static DefaultAzureCredential Identity(CandleFunctionsOptions options) =>
        new(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ManagedIdentityClientId });
}
