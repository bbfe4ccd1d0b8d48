using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using static BinanceSimulator.Tests.Archive.ArchiveDownload;

namespace BinanceSimulator.Tests.Archive;

[Collection(ArchiveCollection.Name)]
public class ArchiveDefectTests(ArchiveHostFixture fixture)
{
    [Fact]
    public async Task MissingDay_DailyFileIsNotFound()
    {
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(fixture.Http, Daily("BTCUSDT", 2022, 4, 17).ZipKey));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(fixture.Http, Daily("BTCUSDT", 2022, 4, 17).ChecksumKey));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(fixture.Http, Daily("ETHUSDT", 2022, 4, 17).ZipKey));
    }

    [Fact]
    public async Task MissingDay_MonthlyFileLacksExactlyThatDaysRows()
    {
        var file = Monthly("BTCUSDT", 2022, 4);

        var rows = await CsvLinesAsync(fixture.Http, file);

        var missing = Day(2022, 4, 17);
        var expected = fixture.Market.ClosedTradedCandles("BTCUSDT", file.Period.Range, ArchiveHostFixture.Now)
            .Where(c => !missing.Contains(DateTimeOffset.FromUnixTimeMilliseconds(c.OpenTime)))
            .Select(c => c.ToArchiveCsvRow());
        Assert.Equal(expected, rows);
        Assert.Equal(29 * 1440, rows.Count);
    }

    [Fact]
    public async Task ChecksumMismatch_NamesAHashOtherThanTheZips()
    {
        var file = Daily("ETHUSDT", 2026, 10, 5);

        var zip = await ZipAsync(fixture.Http, file);
        var text = await ChecksumAsync(fixture.Http, file);

        Assert.Matches("^[0-9a-f]{64}  ETHUSDT-1m-2026-10-05\\.zip$", text);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(zip)), text[..64]);
    }

    [Fact]
    public async Task TruncatedZip_CannotBeOpened_AndFailsItsChecksum()
    {
        var file = Daily("SOLUSDT", 2026, 10, 6);

        var zip = await ZipAsync(fixture.Http, file);
        var text = await ChecksumAsync(fixture.Http, file);

        Assert.ThrowsAny<InvalidDataException>(() => new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read));
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(zip)), text[..64]);
    }

    [Fact]
    public async Task MicrosecondFile_WritesOpenAndCloseTimesInMicroseconds()
    {
        var file = Daily("XRPUSDT", 2026, 10, 7);

        var first = (await CsvLinesAsync(fixture.Http, file))[1].Split(',');

        var dayStartMs = file.Period.Range.Start.ToUnixTimeMilliseconds();
        Assert.Equal(dayStartMs * 1000, long.Parse(first[0]));
        Assert.Equal((dayStartMs + 59_999) * 1000 + 999, long.Parse(first[6]));
        Assert.Equal(16, first[0].Length);
    }

    [Fact]
    public async Task DefectFreeNeighbour_IsServedInMilliseconds()
    {
        var first = (await CsvLinesAsync(fixture.Http, Daily("XRPUSDT", 2026, 10, 8)))[1].Split(',');

        Assert.Equal(13, first[0].Length);
    }
}
