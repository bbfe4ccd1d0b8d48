using System.Net;
using BinanceSimulator.Hosting;
using BinanceSimulator.Market;
using Microsoft.Extensions.Time.Testing;
using static BinanceSimulator.Tests.Archive.ArchiveDownload;

namespace BinanceSimulator.Tests.Archive;

[Collection(ArchiveCollection.Name)]
public class ArchiveLifecycleTests(ArchiveHostFixture fixture)
{
    [Fact]
    public async Task DelistedSymbolGoneFromExchangeInfo_HasFilesUpToItsDelisting()
    {
        Assert.False(fixture.Market.Find("FTTUSDT")!.InExchangeInfo);
        var lastDay = Daily("FTTUSDT", 2022, 11, 14);

        var rows = await CsvLinesAsync(fixture.Http, lastDay);

        Assert.Equal(ExpectedRows(fixture.Market, lastDay), rows.Skip(1));
        Assert.Equal(At(2022, 11, 14, 2, 59).ToUnixTimeMilliseconds(), long.Parse(rows[^1].Split(',')[0]));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(fixture.Http, Monthly("FTTUSDT", 2022, 11).ZipKey));
    }

    [Fact]
    public async Task DelistedSymbol_HasNoFilesAfterItsDelisting()
    {
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(fixture.Http, Daily("FTTUSDT", 2022, 11, 15).ZipKey));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(fixture.Http, Monthly("FTTUSDT", 2022, 12).ZipKey));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(fixture.Http, Daily("FTTUSDT", 2026, 11, 1).ChecksumKey));
    }

    [Fact]
    public async Task DelistedSymbolStillListed_HasNoFlatTailInItsLastFile()
    {
        var rows = await CsvLinesAsync(fixture.Http, Daily("BNXUSDT", 2026, 11, 15));

        Assert.Equal(9 * 60, rows.Count - 1);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(fixture.Http, Daily("BNXUSDT", 2026, 11, 16).ZipKey));
    }

    [Fact]
    public async Task NewListing_HasNoFilesBeforeItsFirstCandle()
    {
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(fixture.Http, Daily("NEWCOINUSDT", 2026, 11, 19).ZipKey));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(fixture.Http, Monthly("NEWCOINUSDT", 2026, 10).ZipKey));

        var firstDay = await CsvLinesAsync(fixture.Http, Daily("NEWCOINUSDT", 2026, 11, 20));

        Assert.Equal(At(2026, 11, 20, 8, 30).ToUnixTimeMilliseconds(), long.Parse(firstDay[1].Split(',')[0]));
    }

    [Fact]
    public async Task OldestPerpetual_ArchiveStartsAtEarliestDay()
    {
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(fixture.Http, Daily("BTCUSDT", 2019, 12, 30).ZipKey));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(fixture.Http, Daily("BTCUSDT", 2019, 12, 31).ZipKey));

        var december = await CsvLinesAsync(fixture.Http, Monthly("BTCUSDT", 2019, 12));

        Assert.Equal(1440, december.Count);
        Assert.Equal(At(2019, 12, 31).ToUnixTimeMilliseconds(), long.Parse(december[0].Split(',')[0]));
    }

    [Fact]
    public async Task UnknownKey_IsNoSuchKeyXml()
    {
        using var response = await fixture.Http.GetAsync("data/futures/um/daily/klines/NOPEUSDT/1m/NOPEUSDT-1m-2026-01-01.zip");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<Error><Code>NoSuchKey</Code>", body, StringComparison.Ordinal);
        Assert.Contains("<Key>data/futures/um/daily/klines/NOPEUSDT/1m/NOPEUSDT-1m-2026-01-01.zip</Key>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SymbolNotInArchive_HasNoFiles()
    {
        var market = new SimulatedMarket(
            [new SimSymbol { Symbol = "ABCUSDT", BaseAsset = "ABC", OnboardDate = At(2024, 1, 1), InArchive = false }], []);
        await using var host = await SimulatorHost.StartAsync(market: market, time: new FakeTimeProvider(ArchiveHostFixture.Now));
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(http, Daily("ABCUSDT", 2025, 1, 1).ZipKey));
    }
}
