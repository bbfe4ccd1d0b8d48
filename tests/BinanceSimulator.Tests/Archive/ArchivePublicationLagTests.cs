using System.Net;
using BinanceSimulator.Archive;
using BinanceSimulator.Hosting;
using Microsoft.Extensions.Time.Testing;
using static BinanceSimulator.Tests.Archive.ArchiveDownload;

namespace BinanceSimulator.Tests.Archive;

public class ArchivePublicationLagTests
{
    [Fact]
    public async Task DailyFile_AppearsDailyLagAfterTheDayEnds()
    {
        var time = new FakeTimeProvider(At(2026, 11, 10, 5));
        var options = new SimulatorOptions { Archive = new ArchiveOptions { DailyLag = TimeSpan.FromHours(30) } };
        await using var host = await SimulatorHost.StartAsync(options, time: time);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        var file = Daily("BTCUSDT", 2026, 11, 9);

        time.SetUtcNow(At(2026, 11, 11, 5, 59));
        var before = await StatusAsync(http, file.ZipKey);
        var checksumBefore = await StatusAsync(http, file.ChecksumKey);
        time.SetUtcNow(At(2026, 11, 11, 6));
        var after = await StatusAsync(http, file.ZipKey);

        Assert.Equal(HttpStatusCode.NotFound, before);
        Assert.Equal(HttpStatusCode.NotFound, checksumBefore);
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task MonthlyFile_AppearsMonthlyLagAfterTheMonthEnds()
    {
        var time = new FakeTimeProvider(At(2026, 11, 4, 23, 59));
        await using var host = await SimulatorHost.StartAsync(time: time);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        var file = Monthly("ETHUSDT", 2026, 10);

        var before = await StatusAsync(http, file.ZipKey);
        time.SetUtcNow(At(2026, 11, 5));
        var after = await StatusAsync(http, file.ZipKey);

        Assert.Equal(HttpStatusCode.NotFound, before);
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task Lag_IsMeasuredOnTheServerClock()
    {
        var time = new FakeTimeProvider(At(2026, 11, 10, 23));
        var options = new SimulatorOptions { ClockOffset = TimeSpan.FromHours(1) };
        await using var host = await SimulatorHost.StartAsync(options, time: time);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        var status = await StatusAsync(http, Daily("BTCUSDT", 2026, 11, 9).ZipKey);

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
