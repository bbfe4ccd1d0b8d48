using System.Security.Cryptography;
using static BinanceSimulator.Tests.Archive.ArchiveDownload;

namespace BinanceSimulator.Tests.Archive;

[Collection(ArchiveCollection.Name)]
public class ArchiveChecksumTests(ArchiveHostFixture fixture)
{
    [Fact]
    public async Task Checksum_IsHashTwoSpacesAndZipName_WithoutTrailingNewline()
    {
        var file = Daily("BTCUSDT", 2025, 4, 11);

        var text = await ChecksumAsync(fixture.Http, file);

        Assert.Matches("^[0-9a-f]{64}  BTCUSDT-1m-2025-04-11\\.zip$", text);
        Assert.False(text.EndsWith('\n'));
    }

    [Fact]
    public async Task Checksum_MatchesSha256OfTheZip()
    {
        var file = Monthly("DOGEUSDT", 2026, 1);

        var zip = await ZipAsync(fixture.Http, file);
        var text = await ChecksumAsync(fixture.Http, file);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(zip)), text[..64]);
    }
}
