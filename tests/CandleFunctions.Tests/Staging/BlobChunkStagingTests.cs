using Azure.Storage.Blobs;
using CandleFunctions.Core.Candles;
using CandleFunctions.Staging;
using CandleFunctions.Tests.Support;

namespace CandleFunctions.Tests.Staging;

[Collection(AzuriteCollection.Name)]
public sealed class BlobChunkStagingTests(Azurite azurite)
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_written_page_reads_back_with_the_same_candles()
    {
        var staging = await NewStagingAsync();
        var candles = Candles(3);

        await staging.WriteAsync("BTCUSDT/run1/1.csv", candles, CancellationToken.None);

        Assert.True(await staging.ExistsAsync("BTCUSDT/run1/1.csv", CancellationToken.None));
        Assert.Equal(candles, await staging.ReadAsync("BTCUSDT/run1/1.csv", "BTCUSDT", CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_page_is_staged_as_present_with_no_candles()
    {
        var staging = await NewStagingAsync();

        await staging.WriteAsync("BTCUSDT/run1/2.csv", [], CancellationToken.None);

        Assert.Empty((await staging.ReadAsync("BTCUSDT/run1/2.csv", "BTCUSDT", CancellationToken.None))!);
    }

    [Fact]
    public async Task A_deleted_or_never_written_page_reads_as_null()
    {
        var staging = await NewStagingAsync();
        await staging.WriteAsync("BTCUSDT/run1/3.csv", Candles(1), CancellationToken.None);

        await staging.DeleteAsync("BTCUSDT/run1/3.csv", CancellationToken.None);
        await staging.DeleteAsync("BTCUSDT/run1/never.csv", CancellationToken.None);

        Assert.Null(await staging.ReadAsync("BTCUSDT/run1/3.csv", "BTCUSDT", CancellationToken.None));
        Assert.Null(await staging.ReadAsync("BTCUSDT/run1/never.csv", "BTCUSDT", CancellationToken.None));
    }

    [Fact]
    public async Task Leftovers_of_other_runs_of_the_symbol_are_deleted_and_the_current_runs_and_other_symbols_kept()
    {
        var (staging, container) = await NewStagingWithContainerAsync();
        foreach (var name in (string[])["BTCUSDT/old/1.csv", "BTCUSDT/old/2.csv", "BTCUSDT/run2/1.csv", "ETHUSDT/old/1.csv"])
            await staging.WriteAsync(name, Candles(1), CancellationToken.None);

        // Azurite stamps blobs with the real clock: "written before a minute from now" takes in all of them.
        var deleted = await staging.DeleteLeftoversAsync("BTCUSDT", "BTCUSDT/run2/", DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        Assert.Equal(2, deleted);
        var left = new List<string>();
        await foreach (var item in container.GetBlobsAsync())
            left.Add(item.Name);
        Assert.Equal(["BTCUSDT/run2/1.csv", "ETHUSDT/old/1.csv"], left.Order());
    }

    [Fact]
    public async Task Recent_leftovers_of_another_run_are_kept()
    {
        var staging = await NewStagingAsync();
        await staging.WriteAsync("BTCUSDT/other/1.csv", Candles(1), CancellationToken.None);

        var deleted = await staging.DeleteLeftoversAsync("BTCUSDT", "BTCUSDT/run2/", DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);

        Assert.Equal(0, deleted);
        Assert.NotNull(await staging.ReadAsync("BTCUSDT/other/1.csv", "BTCUSDT", CancellationToken.None));
    }

    private async Task<BlobChunkStaging> NewStagingAsync() => (await NewStagingWithContainerAsync()).Staging;

    private async Task<(BlobChunkStaging Staging, BlobContainerClient Container)> NewStagingWithContainerAsync()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, "s" + Guid.NewGuid().ToString("N"));
        await container.CreateAsync();
        return (new BlobChunkStaging(container), container);
    }

    private static List<Candle> Candles(int count) =>
        Enumerable.Range(0, count)
            .Select(i => new Candle("BTCUSDT", Start.AddMinutes(i), 100.5m + i, 101.25m + i, 99.125m + i, 100.75m + i, 12.345m))
            .ToList();
}
