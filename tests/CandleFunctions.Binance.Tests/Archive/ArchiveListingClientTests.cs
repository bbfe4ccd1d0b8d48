using CandleFunctions.Binance.Archive;
using static CandleFunctions.Binance.Tests.Archive.Utc;

namespace CandleFunctions.Binance.Tests.Archive;

[Collection(ArchiveSimulatorCollection.Name)]
public class ArchiveListingClientTests(ArchiveSimulatorFixture fixture)
{
    // FTTUSDT: first candle 2021-02-25 07:00, delisted 2022-11-14 03:00, absent from exchangeInfo.
    [Fact]
    public async Task ListMonthsAsync_DelistedSymbol_ListsEveryMonthOfItsLife()
    {
        var months = await fixture.Listing().ListMonthsAsync("FTTUSDT");

        var expected = Enumerable.Range(0, 22).Select(i => new DateOnly(2021, 2, 1).AddMonths(i));
        Assert.Equal(expected, months);
    }

    [Fact]
    public async Task ListDaysAsync_FollowsEveryPage()
    {
        var listing = fixture.Listing();

        var days = await listing.ListDaysAsync("FTTUSDT");

        var count = Day("2022-11-14").DayNumber - Day("2021-02-25").DayNumber + 1;
        Assert.Equal(Enumerable.Range(0, count).Select(i => Day("2021-02-25").AddDays(i)), days);
        // Two keys (zip and checksum) per day, at most ListPageSize keys per page.
        Assert.True(listing.PagesRequested >= 2 * count / ArchiveSimulatorFixture.ListPageSize);
    }

    [Fact]
    public async Task ListDaysAsync_MissingDay_IsNotListed()
    {
        var days = await fixture.Listing().ListDaysAsync("BTCUSDT");

        Assert.DoesNotContain(Day("2022-04-17"), days);
        Assert.Contains(Day("2022-04-16"), days);
    }

    [Fact]
    public async Task SymbolExistsAsync_DelistedSymbol_IsTrue()
    {
        Assert.True(await fixture.Listing().SymbolExistsAsync("FTTUSDT"));
    }

    [Fact]
    public async Task SymbolExistsAsync_UnknownSymbol_IsFalse()
    {
        Assert.False(await fixture.Listing().SymbolExistsAsync("NOSUCHUSDT"));
    }

    [Fact]
    public async Task SymbolExistsAsync_PrefixOfAnotherSymbol_IsFalse()
    {
        // BTCUSDT exists, so a listing of "BTCUSD" without the folder's slash would wrongly match it.
        Assert.False(await fixture.Listing().SymbolExistsAsync("BTCUSD"));
    }

    [Fact]
    public async Task ArchivedSpanAsync_DelistedSymbol_RunsFromFirstToLastArchivedPeriod()
    {
        var span = await fixture.Listing().ArchivedSpanAsync("FTTUSDT");

        Assert.Equal(Range("2021-02-01", "2022-12-01"), span);
    }

    [Fact]
    public async Task ArchivedSpanAsync_UnknownSymbol_IsNull()
    {
        Assert.Null(await fixture.Listing().ArchivedSpanAsync("NOSUCHUSDT"));
    }

    [Fact]
    public async Task ListKeysAsync_PageWithoutNextMarker_ContinuesAfterTheLastKey()
    {
        using var http = new HttpClient(new NextMarkerStrippingHandler());
        var listing = fixture.Listing(http);

        var days = await listing.ListDaysAsync("FTTUSDT");

        Assert.Equal(Day("2021-02-25"), days[0]);
        Assert.Equal(Day("2022-11-14"), days[^1]);
        Assert.Equal(days.Distinct().Count(), days.Count);
        Assert.True(listing.PagesRequested > 1);
    }
}
