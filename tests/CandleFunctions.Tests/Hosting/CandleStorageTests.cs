using Azure.Storage.Blobs;
using CandleFunctions.Hosting;
using CandleFunctions.Orchestration;
using CandleFunctions.Staging;
using CandleFunctions.Storage.Azure.Blob;
using CandleFunctions.Storage.Azure.Mirror;
using CandleFunctions.Storage.Local;
using CandleFunctions.Tests.Support;

namespace CandleFunctions.Tests.Hosting;

[Collection(AzuriteCollection.Name)]
public sealed class CandleStorageTests(Azurite azurite)
{
    private static readonly SyncInput HalfDay = new(["BTCUSDT"], null, SyncHarness.At("2026-11-28 00:00"), SyncHarness.At("2026-11-28 12:00"));

    [Fact]
    public async Task With_a_connection_string_a_run_writes_the_container_and_the_mirror_holds_the_same_bytes()
    {
        var candles = "c" + Guid.NewGuid().ToString("N");
        await using var harness = await SyncHarness.StartAsync(settings: o => Account(o, candles));

        var summary = await harness.RunAsync(HalfDay);

        Assert.Equal("synced", summary!.Symbols[0].Status);
        var blob = await Container(candles).GetBlobClient("BTCUSDT.csv").DownloadContentAsync();
        var bytes = blob.Value.Content.ToArray();
        Assert.Equal(1 + 720, System.Text.Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(harness.Store.CsvPath("BTCUSDT")));
    }

    [Fact]
    public async Task With_an_account_pages_are_staged_in_the_staging_container_and_none_remain_after_the_run()
    {
        var candles = "c" + Guid.NewGuid().ToString("N");
        await using var harness = await SyncHarness.StartAsync(settings: o => Account(o, candles));

        await harness.RunAsync(HalfDay);

        Assert.IsType<BlobChunkStaging>(harness.Storage.Staging);
        Assert.True(await Container(candles + "-staging").ExistsAsync());
        Assert.Empty(await Container(candles + "-staging").GetBlobsAsync().ToListAsync());
        Assert.False(Directory.Exists(harness.StagingDirectory));
    }

    [Fact]
    public async Task The_symbols_file_in_the_container_wins_over_the_mirrors_copy()
    {
        var candles = "c" + Guid.NewGuid().ToString("N");
        await using var harness = await SyncHarness.StartAsync(settings: o => Account(o, candles));
        Directory.CreateDirectory(harness.DataDirectory);
        await File.WriteAllTextAsync(Path.Combine(harness.DataDirectory, "filtered_tokens.csv"), "binance_symbol\nBTCUSDT\n");
        await harness.Storage.Setup.EnsureAsync(CancellationToken.None);

        var fromMirror = await harness.Storage.SymbolList.ReadAsync(CancellationToken.None);
        await Container(candles).UploadBlobAsync("filtered_tokens.csv", BinaryData.FromString("name,binance_symbol\nEther,ethusdt\n"));
        var fromContainer = await harness.Storage.SymbolList.ReadAsync(CancellationToken.None);

        Assert.Equal(["BTCUSDT"], fromMirror);
        Assert.Equal(["ETHUSDT"], fromContainer);
    }

    [Fact]
    public void With_an_account_and_no_mirror_folder_the_container_is_the_only_store()
    {
        var storage = CandleStorage.Create(Account(new CandleFunctionsOptions { LocalMirrorDirectory = "" }, "candles"));

        Assert.IsType<BlobCandleStore>(storage.Stores.Primary);
        Assert.Null(storage.Stores.Mirror);
    }

    [Fact]
    public void With_an_account_and_a_mirror_folder_the_store_is_the_mirrored_one()
    {
        var storage = CandleStorage.Create(Account(new CandleFunctionsOptions { LocalMirrorDirectory = "data" }, "candles"));

        Assert.IsType<MirroredCandleStore>(storage.Stores.Primary);
    }

    [Fact]
    public void Without_an_account_everything_is_local()
    {
        var storage = CandleStorage.Create(new CandleFunctionsOptions());

        Assert.IsType<LocalFolderStore>(storage.Stores.Primary);
        Assert.IsType<LocalChunkStaging>(storage.Staging);
    }

    private CandleFunctionsOptions Account(CandleFunctionsOptions options, string candles)
    {
        options.CandlesConnectionString = azurite.ConnectionString;
        options.CandlesContainer = candles;
        options.StagingContainer = candles + "-staging";
        return options;
    }

    private BlobContainerClient Container(string name) => new(azurite.ConnectionString, name);
}
