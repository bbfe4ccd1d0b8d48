using BinanceSimulator.Hosting;
using Microsoft.Extensions.Time.Testing;
using static BinanceSimulator.Tests.Archive.ArchiveDownload;

namespace BinanceSimulator.Tests.Archive;

public class ArchiveCountersTests
{
    [Fact]
    public async Task Counters_TallyRequestsNotFoundAndBodyBytes()
    {
        await using var host = await SimulatorHost.StartAsync(time: new FakeTimeProvider(ArchiveHostFixture.Now));
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        var zip = await ZipAsync(http, Daily("BTCUSDT", 2026, 1, 1));
        var checksum = await http.GetByteArrayAsync(Daily("BTCUSDT", 2026, 1, 1).ChecksumKey);
        using var missing = await http.GetAsync(Daily("BTCUSDT", 2030, 1, 1).ZipKey);
        var missingBody = await missing.Content.ReadAsByteArrayAsync();
        var listing = await http.GetByteArrayAsync("data.binance.vision?prefix=data/&delimiter=/");

        var counters = host.ArchiveCounters;
        Assert.Equal(4, counters.Requests);
        Assert.Equal(1, counters.ListRequests);
        Assert.Equal(1, counters.NotFound);
        Assert.Equal(zip.Length + checksum.Length + missingBody.Length + listing.Length, counters.BytesServed);
    }
}
