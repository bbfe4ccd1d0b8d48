using CandleFunctions.Binance.Archive;
using static CandleFunctions.Binance.Tests.Archive.CandleAssert;

namespace CandleFunctions.Binance.Tests.Archive;

/// <summary>币安人生USDT (listed 2025-10-20 11:00) in the archive: percent-encoded paths, files and listing.</summary>
[Collection(ArchiveSimulatorCollection.Name)]
public class UnicodeSymbolArchiveTests(ArchiveSimulatorFixture fixture)
{
    private const string Symbol = "币安人生USDT";
    private const string Encoded = "%E5%B8%81%E5%AE%89%E4%BA%BA%E7%94%9FUSDT";

    [Fact]
    public void ZipUrlPath_UnicodeSymbol_IsPercentEncodedUtf8InFolderAndFileName()
    {
        var job = ArchiveJob.Monthly(Symbol, 2025, 11);

        Assert.Equal($"data/futures/um/monthly/klines/{Encoded}/1m/{Encoded}-1m-2025-11.zip", job.ZipUrlPath);
        Assert.Equal($"data/futures/um/monthly/klines/{Encoded}/1m/{Encoded}-1m-2025-11.zip.CHECKSUM", job.ChecksumUrlPath);
        Assert.Equal($"data/futures/um/monthly/klines/{Symbol}/1m/{Symbol}-1m-2025-11.zip", job.ZipPath);
    }

    [Theory]
    [InlineData("../ETC")]
    [InlineData("A/B")]
    [InlineData("A\\B")]
    [InlineData(" ")]
    public void Job_SymbolThatCouldLeaveItsFolder_IsRefused(string symbol) =>
        Assert.Throws<ArgumentException>(() => ArchiveJob.Monthly(symbol, 2025, 11));

    [Fact]
    public async Task FetchAsync_UnicodeSymbolMonth_IsVerifiedAndEqualsGroundTruth()
    {
        using var client = fixture.Client();
        var job = ArchiveJob.Monthly(Symbol, 2025, 11);

        await using var result = await client.FetchAsync(job);

        Assert.True(result.Status == ArchiveFetchStatus.Verified, result.FailureReason);
        var candles = await ReadAllAsync(result);
        Assert.Equal(30 * 1440, candles.Count);
        SameAs(fixture.Host.Market.ClosedTradedCandles(Symbol, job.Range, ArchiveSimulatorFixture.Now), candles, Symbol);
    }

    [Fact]
    public async Task Listing_UnicodeSymbol_FindsItsMonthsAndDays()
    {
        var listing = fixture.Listing();

        var months = await listing.ListMonthsAsync(Symbol);
        var days = await listing.ListDaysAsync(Symbol);

        Assert.Equal(new DateOnly(2025, 10, 1), months[0]);
        Assert.Contains(new DateOnly(2026, 6, 1), months);
        Assert.Equal(new DateOnly(2025, 10, 20), days[0]);
        Assert.True(await listing.SymbolExistsAsync(Symbol));
    }
}
