using System.Globalization;
using Azure.Storage.Blobs;
using CandleFunctions.Core.Candles;
using CandleFunctions.Hosting;
using CandleFunctions.Orchestration;
using CandleFunctions.Storage;
using CandleFunctions.Storage.Local;
using CandleFunctions.Storage.Parquet;
using CandleFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace CandleFunctions.Tests.Hosting;

/// <summary>The app's <c>Format</c> setting, run on the fake durable runtime: which files the merge writes.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FormatSettingTests(Azurite azurite)
{
    // Across a month boundary: two month files.
    private static readonly SyncInput AcrossMonths = new(["BTCUSDT"], null, SyncHarness.At("2026-10-31 18:00"), SyncHarness.At("2026-11-01 06:00"));

    [Fact]
    public void The_setting_binds_from_app_settings_and_defaults_to_csv()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("CandleFunctions:Format", "parquet")]).Build();

        var options = configuration.GetSection(CandleFunctionsOptions.Section).Get<CandleFunctionsOptions>()!;

        Assert.Equal(StorageFormat.Parquet, options.Format);
        Assert.Equal(StorageFormat.Csv, new CandleFunctionsOptions().Format);
        Assert.IsType<LocalFolderStore>(CandleStorage.Create(new CandleFunctionsOptions()).Stores.Primary);
    }

    [Fact]
    public async Task Parquet_a_run_writes_month_files_with_every_kline_field_and_no_csv_and_a_second_run_fetches_nothing()
    {
        await using var harness = await SyncHarness.StartAsync(settings: o => o.Format = StorageFormat.Parquet);

        var first = await harness.RunAsync(AcrossMonths, "run1");
        var second = await harness.RunAsync(AcrossMonths, "run2");

        Assert.Equal("synced", first!.Symbols[0].Status);
        Assert.False(File.Exists(harness.Store.CsvPath("BTCUSDT")));
        var months = new LocalParquetMonthStore(harness.DataDirectory);
        Assert.Equal([new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)], await months.ListMonthsAsync("BTCUSDT", CancellationToken.None));
        await AssertExactAsync(harness, new ParquetCandleStore(months));
        Assert.Equal("upToDate", second!.Symbols[0].Status);
    }

    [Fact]
    public async Task Both_with_an_account_writes_csv_and_month_blobs_and_the_mirror_holds_the_same_bytes()
    {
        var candles = "c" + Guid.NewGuid().ToString("N");
        await using var harness = await SyncHarness.StartAsync(settings: o =>
        {
            o.Format = StorageFormat.Both;
            o.CandlesConnectionString = azurite.ConnectionString;
            o.CandlesContainer = candles;
            o.StagingContainer = candles + "-staging";
        });

        var summary = await harness.RunAsync(AcrossMonths);

        Assert.Equal("synced", summary!.Symbols[0].Status);
        var container = new BlobContainerClient(azurite.ConnectionString, candles);
        string[] names = ["BTCUSDT.csv", "parquet/symbol=BTCUSDT/month=2026-10.parquet", "parquet/symbol=BTCUSDT/month=2026-11.parquet", "parquet/symbol=BTCUSDT/_ledger.json"];
        foreach (var name in names)
            Assert.Equal((await container.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray(), await File.ReadAllBytesAsync(Path.Combine(harness.DataDirectory, name)));
        await AssertExactAsync(harness, new ParquetCandleStore(new LocalParquetMonthStore(harness.DataDirectory)));
        await AssertExactAsync(harness, harness.Store, extras: false);
    }

    private static async Task AssertExactAsync(SyncHarness harness, ICandleStore store, bool extras = true)
    {
        var range = new UtcRange(AcrossMonths.Start, AcrossMonths.End!.Value);
        var expected = harness.Simulator.Market.ClosedTradedCandles("BTCUSDT", range, harness.Simulator.ServerNow).ToList();
        var stored = await store.ReadAsync("BTCUSDT", CancellationToken.None).ToListAsync();
        Assert.Equal(expected.Select(c => c.OpenTime), stored.Select(c => c.OpenTimeMs));
        Assert.Equal(expected.Select(c => c.Close), stored.Select(c => c.Close.ToString(CultureInfo.InvariantCulture)));
        if (extras)
        {
            Assert.Equal(
                expected.Select(c => (c.QuoteVolume, (long)c.Count, c.TakerBuyVolume, c.TakerBuyQuoteVolume)),
                stored.Select(c => (c.Extras!.QuoteVolume.ToString(CultureInfo.InvariantCulture), c.Extras.Trades,
                    c.Extras.TakerBuyVolume.ToString(CultureInfo.InvariantCulture), c.Extras.TakerBuyQuoteVolume.ToString(CultureInfo.InvariantCulture))));
        }
        Assert.True((await store.LoadAsync("BTCUSDT", CancellationToken.None)).Covered.Covers(range));
    }
}
