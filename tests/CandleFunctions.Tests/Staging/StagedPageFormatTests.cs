using CandleFunctions.Core.Candles;
using CandleFunctions.Staging;

namespace CandleFunctions.Tests.Staging;

/// <summary>Staged pages keep every kline field when the Parquet files need them, and either kind of page merges.</summary>
public sealed class StagedPageFormatTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "candles-staging-format", Guid.NewGuid().ToString("N"));

    private static readonly List<Candle> Page =
    [
        new("BTCUSDT", new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), 91234.50m, 91250.00m, 91200.10m, 91240.00m, 12.345m)
        {
            Extras = new KlineExtras(1126245.12345m, 412, 6.120m, 558321.00000m),
        },
        new("BTCUSDT", new DateTimeOffset(2026, 11, 28, 0, 1, 0, TimeSpan.Zero), 91240.00m, 91240.00m, 91240.00m, 91240.00m, 0.000m)
        {
            Extras = new KlineExtras(0.00000m, 0, 0.000m, 0.00000m),
        },
    ];

    [Fact]
    public async Task With_extras_kept_a_page_round_trips_every_field_and_the_exchanges_text()
    {
        var staging = new LocalChunkStaging(_directory, keepKlineExtras: true);

        await staging.WriteAsync("BTCUSDT/run/1.csv", Page, CancellationToken.None);
        var read = await staging.ReadAsync("BTCUSDT/run/1.csv", "BTCUSDT", CancellationToken.None);

        Assert.Equal(Page, read);
        Assert.Equal(["1126245.12345", "0.00000"], read!.Select(c => c.Extras!.QuoteVolume.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_csv_page_staged_before_the_setting_changed_still_merges()
    {
        await new LocalChunkStaging(_directory).WriteAsync("BTCUSDT/run/1.csv", Page, CancellationToken.None);

        var read = await new LocalChunkStaging(_directory, keepKlineExtras: true).ReadAsync("BTCUSDT/run/1.csv", "BTCUSDT", CancellationToken.None);

        Assert.Equal(Page.Select(c => c with { Extras = null }), read);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
