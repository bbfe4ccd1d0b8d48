using CandleFunctions.Binance.Archive;

namespace CandleFunctions.Binance.Tests.Archive;

/// <summary>How far ahead of its writer one symbol downloads: its share of the client's downloads, at least the configured months.</summary>
public sealed class ArchiveClientAheadTests
{
    [Theory]
    [InlineData(16, 4, 1, 5)]
    [InlineData(8, 4, 1, 3)]
    [InlineData(24, 4, 1, 7)]
    [InlineData(2, 4, 1, 2)]
    [InlineData(16, 1, 1, 17)]
    [InlineData(4, 4, 6, 6)]
    public void MonthsAheadPerSymbol_IsTheSymbolsShareOfTheDownloadsPlusOne_AtLeastTheConfiguredMonths(int downloads, int symbols, int atLeast, int expected)
    {
        using var http = new HttpClient();
        using var client = new ArchiveClient(http, new ArchiveOptions { MaxConcurrentDownloads = downloads, MonthsAheadPerSymbol = atLeast });

        Assert.Equal(expected, client.MonthsAheadPerSymbol(symbols));
    }

    [Fact]
    public void MonthsAheadPerSymbol_WithoutSymbols_Throws()
    {
        using var http = new HttpClient();
        using var client = new ArchiveClient(http, new ArchiveOptions());

        Assert.Throws<ArgumentOutOfRangeException>(() => client.MonthsAheadPerSymbol(0));
    }

    [Fact]
    public void Memory_IsBoundedByMaxBytesAhead()
    {
        using var http = new HttpClient();
        using var client = new ArchiveClient(http, new ArchiveOptions { MaxBytesAhead = 3 << 20 });

        Assert.Equal(3 << 20, client.Memory.Limit);
    }

    [Fact]
    public void MaxBytesAhead_BelowOneByte_IsRefusedByName()
    {
        var error = Assert.Throws<ArgumentException>(() => new ArchiveOptions { MaxBytesAhead = 0 }.Validate());

        Assert.Contains("MaxBytesAhead", error.Message, StringComparison.Ordinal);
    }
}
