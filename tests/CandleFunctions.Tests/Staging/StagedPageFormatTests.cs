using CandleFunctions.Core.Candles;
using CandleFunctions.Staging;

namespace CandleFunctions.Tests.Staging;

/// <summary>Staged pages keep their values exactly, every kline field when the Parquet files need them, and every kind of page merges.</summary>
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

    [Fact]
    public async Task A_page_round_trips_every_value_exactly_with_its_scale()
    {
        var staging = new LocalChunkStaging(_directory);

        await staging.WriteAsync("BTCUSDT/run/1.csv", Page, CancellationToken.None);
        var read = await staging.ReadAsync("BTCUSDT/run/1.csv", "BTCUSDT", CancellationToken.None);

        Assert.Equal(Page.Select(c => c with { Extras = null }), read);
        Assert.Equal(["91234.50", "12.345", "0.000"], [Text(read![0].Open), Text(read[0].Volume), Text(read[1].Volume)]);
    }

    [Fact]
    public async Task A_page_of_csv_rows_staged_by_an_earlier_version_still_merges()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "BTCUSDT", "run"));
        await File.WriteAllTextAsync(
            Path.Combine(_directory, "BTCUSDT", "run", "1.csv"),
            "timestamp,open,high,low,close,volume\n2026-11-28 00:00:00,91234.50,91250.00,91200.10,91240.00,12.345\n2026-11-28 00:01:00,91240.00,91240.00,91240.00,91240.00,0.000\n");

        var read = await new LocalChunkStaging(_directory).ReadAsync("BTCUSDT/run/1.csv", "BTCUSDT", CancellationToken.None);

        Assert.Equal(Page.Select(c => c with { Extras = null }), read);
    }

    [Fact]
    public async Task A_truncated_page_is_refused_with_its_name()
    {
        var staging = new LocalChunkStaging(_directory);
        await staging.WriteAsync("BTCUSDT/run/1.csv", Page, CancellationToken.None);
        var path = Path.Combine(_directory, "BTCUSDT", "run", "1.csv");
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..^10]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => staging.ReadAsync("BTCUSDT/run/1.csv", "BTCUSDT", CancellationToken.None));

        Assert.Contains("BTCUSDT/run/1.csv", error.Message, StringComparison.Ordinal);
    }

    private static string Text(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
