using System.Text.RegularExpressions;
using BinanceSimulator.Archive;
using static BinanceSimulator.Tests.Archive.ArchiveDownload;

namespace BinanceSimulator.Tests.Archive;

/// <summary>Our files against real data.binance.vision captures.</summary>
[Collection(ArchiveCollection.Name)]
public partial class ArchiveFixtureShapeTests(ArchiveHostFixture fixture)
{
    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    [Fact]
    public async Task Header_IsTheRealFilesHeader()
    {
        var real = File.ReadLines(FixturePath("vision_um_monthly_NEARUSDT-1m-2026-02_with_header_first1440rows.csv")).First();

        var ours = (await CsvLinesAsync(fixture.Http, Daily("NEARUSDT", 2026, 2, 1)))[0];

        Assert.Equal(real, ours);
    }

    [Fact]
    public async Task HeaderlessRow_HasTheRealRowsColumnsAndValueKinds()
    {
        var real = File.ReadLines(FixturePath("vision_um_monthly_BTCUSDT-1m-2021-01_no_header_first20rows_excerpt.csv")).First().Split(',');

        var ours = (await CsvLinesAsync(fixture.Http, Daily("BTCUSDT", 2021, 1, 1)))[0].Split(',');

        Assert.Equal(12, real.Length);
        Assert.Equal(real.Select(Kind), ours.Select(Kind));
        Assert.Equal(real[0], ours[0]);
        Assert.Equal(real[6], ours[6]);
        Assert.Equal(real[11], ours[11]);
    }

    [Fact]
    public async Task Checksum_HasTheRealFilesFormat()
    {
        var real = File.ReadAllText(FixturePath("vision_CHECKSUM_BTCUSDT-1m-2025-04-11.zip.CHECKSUM"));

        var ours = await ChecksumAsync(fixture.Http, Daily("BTCUSDT", 2025, 4, 11));

        Assert.Matches(ChecksumFormat(), real);
        Assert.Matches(ChecksumFormat(), ours);
        Assert.Equal(real.Length, ours.Length);
        Assert.Equal(real[64..], ours[64..]);
    }

    [Fact]
    public async Task Timestamps_AreMillisecondsLikeTheRealFile()
    {
        var real = File.ReadLines(FixturePath("vision_um_monthly_NEARUSDT-1m-2026-02_with_header_first1440rows.csv")).ElementAt(1).Split(',');

        var ours = (await CsvLinesAsync(fixture.Http, Daily("NEARUSDT", 2026, 2, 1)))[1].Split(',');

        Assert.Equal(real[0], ours[0]);
        Assert.Equal(real[6], ours[6]);
    }

    [Fact]
    public void HeaderConstant_MatchesTheRealFile()
    {
        var real = File.ReadLines(FixturePath("vision_um_monthly_NEARUSDT-1m-2026-02_with_header.csv")).First();

        Assert.Equal(ArchiveCatalog.Header, real);
    }

    /// <summary>i = integer, d = decimal with a point, z = the literal ignore column.</summary>
    private static char Kind(string value) =>
        value == "0" ? 'z' : IntegerValue().IsMatch(value) ? 'i' : DecimalValue().IsMatch(value) ? 'd' : '?';

    [GeneratedRegex("^[0-9a-f]{64}  [A-Z0-9_]+-1m-\\d{4}-\\d{2}(-\\d{2})?\\.zip$")]
    private static partial Regex ChecksumFormat();

    [GeneratedRegex("^\\d+$")]
    private static partial Regex IntegerValue();

    [GeneratedRegex("^\\d+\\.\\d+$")]
    private static partial Regex DecimalValue();
}
