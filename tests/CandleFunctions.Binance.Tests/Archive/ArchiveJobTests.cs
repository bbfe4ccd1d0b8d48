using CandleFunctions.Binance.Archive;
using static CandleFunctions.Binance.Tests.Archive.Utc;

namespace CandleFunctions.Binance.Tests.Archive;

public class ArchiveJobTests
{
    [Fact]
    public void Monthly_NamesTheMonthlyZipAndItsFolder()
    {
        var job = ArchiveJob.Monthly("BTCUSDT", 2021, 1);

        Assert.Equal("BTCUSDT-1m-2021-01.zip", job.FileName);
        Assert.Equal("data/futures/um/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2021-01.zip", job.ZipPath);
        Assert.Equal(job.ZipPath + ".CHECKSUM", job.ChecksumPath);
        Assert.Equal(Range("2021-01-01", "2021-02-01"), job.Range);
    }

    [Fact]
    public void Daily_NamesTheDailyZipAndItsFolder()
    {
        var job = ArchiveJob.Daily("ETHUSDT", Day("2024-02-29"));

        Assert.Equal("ETHUSDT-1m-2024-02-29.zip", job.FileName);
        Assert.Equal("data/futures/um/daily/klines/ETHUSDT/1m/ETHUSDT-1m-2024-02-29.zip", job.ZipPath);
        Assert.Equal(Range("2024-02-29", "2024-03-01"), job.Range);
    }

    [Fact]
    public void Constructor_RangeOutsideThePeriod_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            new ArchiveJob("BTCUSDT", ArchiveGranularity.Daily, Day("2024-01-05"), Range("2024-01-05 12:00", "2024-01-06 00:01")));
    }

    [Fact]
    public void Constructor_MonthlyNotOnTheFirst_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            new ArchiveJob("BTCUSDT", ArchiveGranularity.Monthly, Day("2024-01-05"), Range("2024-01-05", "2024-01-06")));
    }

    [Fact]
    public void Constructor_SymbolWithPathCharacters_Throws()
    {
        Assert.Throws<ArgumentException>(() => ArchiveJob.Daily("../BTC", Day("2024-01-05")));
    }
}
