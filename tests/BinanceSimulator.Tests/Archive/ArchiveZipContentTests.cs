using BinanceSimulator.Archive;
using static BinanceSimulator.Tests.Archive.ArchiveDownload;

namespace BinanceSimulator.Tests.Archive;

[Collection(ArchiveCollection.Name)]
public class ArchiveZipContentTests(ArchiveHostFixture fixture)
{
    [Fact]
    public async Task MonthlyZip_EqualsGroundTruthRowForRow()
    {
        var file = Monthly("ETHUSDT", 2026, 9);

        var lines = await CsvLinesAsync(fixture.Http, file);

        Assert.Equal(ArchiveCatalog.Header, lines[0]);
        Assert.Equal(ExpectedRows(fixture.Market, file), lines.Skip(1));
        Assert.Equal(30 * 1440, lines.Count - 1);
    }

    [Fact]
    public async Task DailyZip_EqualsGroundTruthRowForRow()
    {
        var file = Daily("SOLUSDT", 2026, 3, 15);

        var lines = await CsvLinesAsync(fixture.Http, file);

        Assert.Equal(ExpectedRows(fixture.Market, file), lines.Skip(1));
        Assert.Equal(1440, lines.Count - 1);
    }

    [Fact]
    public async Task Zip_HoldsOneCsvNamedLikeTheZip()
    {
        var file = Daily("BTCUSDT", 2026, 3, 15);

        var (name, _) = ReadSingleCsv(await ZipAsync(fixture.Http, file));

        Assert.Equal("BTCUSDT-1m-2026-03-15.csv", name);
    }

    [Fact]
    public async Task MonthlyZip_LacksOutageMinutes()
    {
        var file = Monthly("BTCUSDT", 2026, 11);

        var openTimes = (await CsvLinesAsync(fixture.Http, file)).Skip(1).Select(l => long.Parse(l.Split(',')[0])).ToHashSet();

        var outage = fixture.Market.Outages.Single(o => o.Start.Month == 11);
        Assert.Equal(30 * 1440 - 45, openTimes.Count);
        Assert.DoesNotContain(outage.Start.ToUnixTimeMilliseconds(), openTimes);
        Assert.Contains(outage.End.ToUnixTimeMilliseconds(), openTimes);
    }

    [Fact]
    public async Task DailyZip_OnOutageDay_EqualsGroundTruth()
    {
        var file = Daily("ETHUSDT", 2025, 8, 12);

        var lines = await CsvLinesAsync(fixture.Http, file);

        Assert.Equal(1440 - 32, lines.Count - 1);
        Assert.Equal(ExpectedRows(fixture.Market, file), lines.Skip(1));
    }

    [Fact]
    public async Task Downloads_AreByteIdentical_AcrossRequestsAndHosts()
    {
        var file = Daily("ADAUSDT", 2026, 2, 2);
        await using var other = await BinanceSimulator.Hosting.SimulatorHost.StartAsync(time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ArchiveHostFixture.Now));
        using var otherHttp = new HttpClient { BaseAddress = other.BaseUrl };

        var first = await ZipAsync(fixture.Http, file);
        var second = await ZipAsync(fixture.Http, file);
        var fromFreshHost = await ZipAsync(otherHttp, file);

        Assert.Equal(first, second);
        Assert.Equal(first, fromFreshHost);
    }
}
