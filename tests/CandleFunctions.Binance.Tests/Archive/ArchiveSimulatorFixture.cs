using BinanceSimulator.Archive;
using BinanceSimulator.Hosting;
using CandleFunctions.Binance.Archive;
using Microsoft.Extensions.Time.Testing;
using SimArchiveOptions = BinanceSimulator.Archive.ArchiveOptions;

namespace CandleFunctions.Binance.Tests.Archive;

/// <summary>One simulator on loopback with its clock fixed at 2026-12-10, one of each archive defect, and short listing pages.</summary>
public sealed class ArchiveSimulatorFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 12, 10, 0, 0, 0, TimeSpan.Zero);

    public const int ListPageSize = 100;

    public SimulatorHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new SimulatorOptions
        {
            Archive = new SimArchiveOptions
            {
                MissingDays = [new ArchiveMissingDay { Symbol = "BTCUSDT", Day = new DateOnly(2022, 4, 17) }],
                ChecksumMismatches = [new ArchiveFileSelector { Symbol = "ETHUSDT", Period = "2026-10-05" }],
                TruncatedZips = [new ArchiveFileSelector { Symbol = "SOLUSDT", Period = "2026-10-06" }],
                MicrosecondFiles = [new ArchiveFileSelector { Symbol = "XRPUSDT", Period = "2026-10-07" }],
                ListPageSize = ListPageSize,
            },
        };
        Host = await SimulatorHost.StartAsync(options, market: null, time: new FakeTimeProvider(Now));
        Http = new HttpClient();
    }

    /// <summary>Client options pointing at this simulator, with quick transient retries.</summary>
    public CandleFunctions.Binance.Archive.ArchiveOptions ClientOptions() => new()
    {
        BaseUrl = Host.BaseUrl,
        ListingUrl = new Uri(Host.BaseUrl, "data.binance.vision"),
        TransientRetryDelay = TimeSpan.FromMilliseconds(1),
    };

    public ArchiveClient Client(HttpClient? http = null) => new(http ?? Http, ClientOptions());

    public ArchiveListingClient Listing(HttpClient? http = null) => new(http ?? Http, ClientOptions());

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
