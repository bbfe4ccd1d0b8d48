using BinanceSimulator.Archive;
using BinanceSimulator.Hosting;
using BinanceSimulator.Market;
using Microsoft.Extensions.Time.Testing;

namespace BinanceSimulator.Tests.Archive;

/// <summary>One simulator on loopback, its clock fixed at 2026-12-10, with one of each archive defect configured.</summary>
public sealed class ArchiveHostFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 12, 10, 0, 0, 0, TimeSpan.Zero);

    public SimulatorHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public SimulatedMarket Market => Host.Market;

    public async Task InitializeAsync()
    {
        var options = new SimulatorOptions
        {
            Archive = new ArchiveOptions
            {
                MissingDays = [new ArchiveMissingDay { Symbol = "BTCUSDT", Day = new DateOnly(2022, 4, 17) }],
                ChecksumMismatches = [new ArchiveFileSelector { Symbol = "ETHUSDT", Period = "2026-10-05" }],
                TruncatedZips = [new ArchiveFileSelector { Symbol = "SOLUSDT", Period = "2026-10-06" }],
                MicrosecondFiles = [new ArchiveFileSelector { Symbol = "XRPUSDT", Period = "2026-10-07" }],
            },
        };
        Host = await SimulatorHost.StartAsync(options, time: new FakeTimeProvider(Now));
        Http = new HttpClient { BaseAddress = Host.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
