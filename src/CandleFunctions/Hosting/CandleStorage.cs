using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using CandleFunctions.Staging;
using CandleFunctions.Storage;
using CandleFunctions.Storage.Azure.Blob;
using CandleFunctions.Storage.Azure.Mirror;
using CandleFunctions.Storage.Local;
using CandleFunctions.Stores;

namespace CandleFunctions.Hosting;

/// <summary>
/// Where the app keeps candles, staged pages and the symbol list. With an account the container is the store of record
/// and the local folder (if named) a <see cref="MirroredCandleStore"/> kept byte-identical to it; without one, all is local.
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
        if (!options.HasAccount)
            return new CandleStorage(new CandleStores(local!, null), new LocalChunkStaging(options.StagingDirectory), localList!, StorageSetup.None);

        var blobOptions = new BlobCandleStoreOptions { ConnectionString = options.CandlesConnectionString ?? "", ContainerName = options.CandlesContainer };
        var container = string.IsNullOrWhiteSpace(options.CandlesConnectionString)
            ? BlobClientFactory.CreateContainerClient(blobOptions, options.CandlesAccountUri!, credential ?? Identity(options), configure)
            : BlobClientFactory.CreateContainerClient(blobOptions, configure);
        var stagingContainer = container.GetParentBlobServiceClient().GetBlobContainerClient(options.StagingContainer);
        var blob = new BlobCandleStore(container, blobOptions);
        // The mirror store writes the blob first and then makes the local file byte-identical (healing it from the blob
        // when stale), which committing the same rows to two independent stores cannot promise.
        ICandleStore store = local is null ? blob : new MirroredCandleStore(blob, local);
        return new CandleStorage(
            new CandleStores(store, null),
            new BlobChunkStaging(stagingContainer),
            new BlobSymbolList(container, localList),
            new StorageSetup([container, stagingContainer]));
    }

    private static DefaultAzureCredential Identity(CandleFunctionsOptions options) =>
        new(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ManagedIdentityClientId });
}
