using BinanceSimulator.Archive;
using static BinanceSimulator.Tests.Archive.ArchiveDownload;

namespace BinanceSimulator.Tests.Archive;

[Collection(ArchiveCollection.Name)]
public class ArchiveHeaderTests(ArchiveHostFixture fixture)
{
    [Theory]
    [InlineData("2022-04-30", false)]
    [InlineData("2022-05-01", true)]
    [InlineData("2021-01-01", false)]
    [InlineData("2026-01-01", true)]
    public async Task DailyFile_HasHeaderOnlyFromCutoff(string day, bool expectHeader)
    {
        var file = new ArchiveFile("BTCUSDT", ArchivePeriod.Daily(DateOnly.Parse(day)));

        var lines = await CsvLinesAsync(fixture.Http, file);

        Assert.Equal(expectHeader, lines[0] == ArchiveCatalog.Header);
        Assert.Equal(expectHeader ? 1441 : 1440, lines.Count);
    }

    [Theory]
    [InlineData(2022, 4, false)]
    [InlineData(2022, 5, true)]
    public async Task MonthlyFile_HasHeaderOnlyFromCutoff(int year, int month, bool expectHeader)
    {
        var lines = await CsvLinesAsync(fixture.Http, Monthly("LINKUSDT", year, month));

        Assert.Equal(expectHeader, lines[0] == ArchiveCatalog.Header);
        Assert.True(char.IsAsciiDigit(lines[expectHeader ? 1 : 0][0]));
    }
}
