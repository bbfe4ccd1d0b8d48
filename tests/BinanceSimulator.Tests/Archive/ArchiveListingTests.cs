using System.Net;
using BinanceSimulator.Archive;
using BinanceSimulator.Hosting;
using Microsoft.Extensions.Time.Testing;
using static BinanceSimulator.Tests.Archive.ArchiveDownload;

namespace BinanceSimulator.Tests.Archive;

[Collection(ArchiveCollection.Name)]
public class ArchiveListingTests(ArchiveHostFixture fixture)
{
    private const string DailyRoot = "data/futures/um/daily/klines/";

    [Fact]
    public async Task SymbolDirectories_IncludeDelistedAndQuarterlySymbols()
    {
        var page = await S3ListingReader.FetchAsync(fixture.Http, DailyRoot);

        Assert.Empty(page.Contents);
        Assert.Contains(DailyRoot + "FTTUSDT/", page.CommonPrefixes);
        Assert.Contains(DailyRoot + "BTCUSDT_261225/", page.CommonPrefixes);
        Assert.Contains(DailyRoot + "NEWCOINUSDT/", page.CommonPrefixes);
        Assert.DoesNotContain(DailyRoot + "XEMUSDT/", page.CommonPrefixes);
        Assert.Equal(page.CommonPrefixes.Order(StringComparer.Ordinal), page.CommonPrefixes);
    }

    [Fact]
    public async Task Page_HasS3ElementsInTheS3Namespace()
    {
        var page = await S3ListingReader.FetchAsync(fixture.Http, "data/futures/um/monthly/klines/FTTUSDT/1m/");

        var ns = S3Xml.Ns;
        Assert.Equal(ns + "ListBucketResult", page.Root.Name);
        foreach (var name in (string[])["Name", "Prefix", "Marker", "MaxKeys", "Delimiter", "IsTruncated"])
            Assert.NotNull(page.Root.Element(ns + name));
        var contents = page.Root.Element(ns + "Contents")!;
        foreach (var name in (string[])["Key", "LastModified", "ETag", "Size", "StorageClass"])
            Assert.NotNull(contents.Element(ns + name));
        Assert.Equal("1000", page.Root.Element(ns + "MaxKeys")!.Value);
    }

    [Fact]
    public async Task MonthlyFolder_ListsZipAndChecksumOfEveryPublishedMonth()
    {
        var page = await S3ListingReader.FetchAsync(fixture.Http, "data/futures/um/monthly/klines/FTTUSDT/1m/");

        // FTTUSDT traded 2021-02-25 .. 2022-11-14: 22 months.
        var months = Enumerable.Range(0, 22).Select(i => ArchivePeriod.Monthly(2021, 2).Start.AddMonths(i))
            .Select(d => Monthly("FTTUSDT", d.Year, d.Month));
        var expected = months.SelectMany(f => new[] { f.ZipKey, f.ChecksumKey });
        Assert.Equal(expected, page.Contents.Select(c => c.Key));
        Assert.False(page.IsTruncated);
    }

    [Fact]
    public async Task ListedChecksumSize_EqualsTheServedLength()
    {
        var page = await S3ListingReader.FetchAsync(fixture.Http, "data/futures/um/daily/klines/NEWCOINUSDT/1m/");
        var (key, size) = page.Contents.First(c => c.Key.EndsWith(".CHECKSUM", StringComparison.Ordinal));

        var body = await fixture.Http.GetByteArrayAsync(key);

        Assert.Equal(size, body.Length);
    }

    [Fact]
    public async Task EveryListedKey_IsDownloadable()
    {
        var page = await S3ListingReader.FetchAsync(fixture.Http, "data/futures/um/daily/klines/NEWCOINUSDT/1m/");

        Assert.NotEmpty(page.Contents);
        foreach (var (key, _) in page.Contents)
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, key);
            using var response = await fixture.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task SmallPages_CoverEveryDailyKeyExactlyOnce()
    {
        await using var host = await StartHostWithPageSize(7);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        var btc = host.Market.Find("FTTUSDT")!;
        var expected = new ArchiveCatalog(host.Market, host.Options.Archive).Files(btc, ArchivePeriodKind.Daily, ArchiveHostFixture.Now)
            .SelectMany(f => new[] { f.ZipKey, f.ChecksumKey }).ToList();

        var (entries, pages) = await S3ListingReader.FetchAllAsync(http, "data/futures/um/daily/klines/FTTUSDT/1m/");

        Assert.Equal(expected, entries);
        Assert.Equal((expected.Count + 6) / 7, pages);
    }

    [Fact]
    public async Task SmallPages_CoverEverySymbolDirectoryExactlyOnce()
    {
        await using var big = await StartHostWithPageSize(1000);
        await using var small = await StartHostWithPageSize(3);
        using var bigHttp = new HttpClient { BaseAddress = big.BaseUrl };
        using var smallHttp = new HttpClient { BaseAddress = small.BaseUrl };

        var (all, onePage) = await S3ListingReader.FetchAllAsync(bigHttp, DailyRoot);
        var (paged, pages) = await S3ListingReader.FetchAllAsync(smallHttp, DailyRoot);

        Assert.Equal(1, onePage);
        Assert.Equal(all, paged);
        Assert.Equal((all.Count + 2) / 3, pages);
    }

    [Fact]
    public async Task Marker_AfterACommonPrefix_SkipsEverythingUnderIt()
    {
        var page = await S3ListingReader.FetchAsync(fixture.Http, "data/futures/um/", marker: "data/futures/um/daily/");

        Assert.Equal(["data/futures/um/monthly/"], page.CommonPrefixes);
    }

    [Fact]
    public async Task NoDelimiter_ListsKeysAcrossFoldersInOrder()
    {
        var page = await S3ListingReader.FetchAsync(fixture.Http, "data/futures/um/monthly/klines/BTCUSDT", delimiter: null);

        var keys = page.Contents.Select(c => c.Key).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Contains(keys, k => k.Contains("/BTCUSDT/1m/", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.Contains("/BTCUSDT_261225/1m/", StringComparison.Ordinal));
    }

    private static Task<SimulatorHost> StartHostWithPageSize(int pageSize) =>
        SimulatorHost.StartAsync(
            new SimulatorOptions { Archive = new ArchiveOptions { ListPageSize = pageSize } },
            time: new FakeTimeProvider(ArchiveHostFixture.Now));
}
