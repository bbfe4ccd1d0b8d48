using BinanceSimulator.Archive;

namespace BinanceSimulator.Tests.Archive;

public class ArchiveFileTests
{
    [Theory]
    [InlineData("data/futures/um/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2021-01.zip", "BTCUSDT", "2021-01", false)]
    [InlineData("data/futures/um/daily/klines/BTCUSDT_261225/1m/BTCUSDT_261225-1m-2026-07-01.zip.CHECKSUM", "BTCUSDT_261225", "2026-07-01", true)]
    public void TryParseKey_ReadsSymbolPeriodAndKind(string key, string symbol, string period, bool checksum)
    {
        Assert.True(ArchiveFile.TryParseKey(key, out var file, out var isChecksum));

        Assert.Equal(symbol, file.Symbol);
        Assert.Equal(period, file.Period.Label);
        Assert.Equal(checksum, isChecksum);
        Assert.Equal(key, checksum ? file.ChecksumKey : file.ZipKey);
    }

    [Theory]
    [InlineData("data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2021-01.zip")]
    [InlineData("data/futures/um/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2021-01-05.zip")]
    [InlineData("data/futures/um/monthly/klines/BTCUSDT/5m/BTCUSDT-5m-2021-01.zip")]
    [InlineData("data/spot/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2021-01.zip")]
    [InlineData("data/futures/um/monthly/klines/BTCUSDT/1m/ETHUSDT-1m-2021-01.zip")]
    [InlineData("data/futures/um/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2021-13.zip")]
    [InlineData("data/futures/um/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2021-01.csv")]
    public void TryParseKey_RejectsOtherKeys(string key) => Assert.False(ArchiveFile.TryParseKey(key, out _, out _));
}
