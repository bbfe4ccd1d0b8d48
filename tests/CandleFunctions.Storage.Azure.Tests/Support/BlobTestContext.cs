using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Azure.Blob;
using CandleFunctions.Storage.Azure.Mirror;
using CandleFunctions.Storage.Local;

namespace CandleFunctions.Storage.Azure.Tests.Support;

/// <summary>A fresh container on the shared Azurite and a fresh local folder, with stores over them and raw views of both.</summary>
public sealed class BlobTestContext : IDisposable
{
    public BlobTestContext(AzuriteServer azurite)
    {
        ContainerName = "t" + Guid.NewGuid().ToString("N");
        DataDirectory = Path.Combine(Path.GetTempPath(), "candles-blob-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        Options = new BlobCandleStoreOptions { ConnectionString = azurite.ConnectionString, ContainerName = ContainerName };
        Blob = NewBlobStore();
        Container = BlobClientFactory.CreateContainerClient(Options);
        Container.CreateIfNotExists();
        Local = new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = DataDirectory });
    }

    public string ContainerName { get; }

    public string DataDirectory { get; }

    public BlobCandleStoreOptions Options { get; }

    public BlobCandleStore Blob { get; }

    public BlobContainerClient Container { get; }

    public LocalFolderStore Local { get; }

    public string Symbol => TestCandles.Symbol;

    public string CsvPath => Local.CsvPath(Symbol);

    public string LedgerPath => Local.LedgerPath(Symbol);

    /// <summary>Another client on the same container, as a second process would have; <paramref name="policy"/> sees its requests.</summary>
    public BlobCandleStore NewBlobStore(HttpPipelinePolicy? policy = null) =>
        BlobCandleStore.Connect(Options, policy is null ? null : (Action<BlobClientOptions>)(o => o.AddPolicy(policy, global::Azure.Core.HttpPipelinePosition.PerCall)));

    /// <summary>A mirror over this context's container and folder (a new one is like a new process).</summary>
    public MirroredCandleStore NewMirror() => new(NewBlobStore(), new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = DataDirectory }));

    public byte[] BlobBytes(string name) => Container.GetBlobClient(name).DownloadContent().Value.Content.ToArray();

    public byte[] CsvBlobBytes => BlobBytes(BlobCandleStore.DataBlobName(Symbol));

    public byte[] LedgerBlobBytes => BlobBytes(BlobCandleStore.LedgerBlobName(Symbol));

    public List<string> CommittedBlocks() =>
        Container.GetBlockBlobClient(BlobCandleStore.DataBlobName(Symbol)).GetBlockList(BlockListTypes.Committed).Value.CommittedBlocks.Select(b => b.Name).ToList();

    public static async Task<List<Candle>> ReadAllAsync(ICandleStore store, string symbol)
    {
        var list = new List<Candle>();
        await foreach (var candle in store.ReadAsync(symbol, CancellationToken.None))
            list.Add(candle);
        return list;
    }

    public Task<CommitResult> CommitAsync(ICandleStore store, IReadOnlyList<Candle> candles, CoverageSet covered) =>
        store.CommitAsync(Symbol, candles, covered, CancellationToken.None);

    public void Dispose()
    {
        try
        {
            Container.DeleteIfExists();
        }
        catch (global::Azure.RequestFailedException)
        {
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
