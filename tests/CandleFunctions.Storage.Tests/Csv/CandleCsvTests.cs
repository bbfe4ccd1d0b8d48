using System.Text;
using CandleFunctions.Core.Candles;
using CandleFunctions.Storage.Csv;
using static CandleFunctions.Storage.Tests.Support.TestCandles;

namespace CandleFunctions.Storage.Tests.Csv;

public class CandleCsvTests
{
    private const string Values = ",1,2,0.5,1.5,10\n";

    [Theory]
    [InlineData("2024-01-01 00:03:00")]
    [InlineData("2024-01-01 00:03:00+00:00")]
    [InlineData("2024-01-01T00:03:00Z")]
    [InlineData("2024-01-01T00:03:00.000Z")]
    [InlineData("2024-01-01 00:03:00.000000+00:00")]
    [InlineData("2024-01-01T01:03:00+01:00")]
    public async Task Read_TimestampVariants_AllMeanTheSameUtcMinute(string timestamp)
    {
        var candles = await ReadAsync(CandleCsv.Header + "\n" + timestamp + Values);

        Assert.Equal(Time(3), Assert.Single(candles).Timestamp);
        Assert.Equal(TimeSpan.Zero, candles[0].Timestamp.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("timestamp,open,high,low,close,volume\n")]
    [InlineData("timestamp,open,high,low,close,volume")]
    public async Task Read_NoRows_YieldsNothing(string csv) => Assert.Empty(await ReadAsync(csv));

    [Fact]
    public async Task Read_HeaderWithoutNeededColumns_ThrowsEvenWithoutRows()
    {
        var error = await Assert.ThrowsAsync<CorruptCandleFileException>(() => ReadAsync("a,b,c\n"));

        Assert.Equal(1, error.Line);
    }

    [Fact]
    public async Task Read_BlankLines_AreSkippedAndLinesStillCounted()
    {
        var csv = CandleCsv.Header + "\n\n2024-01-01 00:00:00" + Values + "\n2024-01-01 00:00:00" + Values;

        var error = await Assert.ThrowsAsync<CorruptCandleFileException>(() => ReadAsync(csv));

        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void FormatRow_WritesTheDecimalTextAsItIs()
    {
        var candle = new Candle(Symbol, Time(0), Dec("102325.60"), Dec("0.00001000"), Dec("95149"), Dec("1e-05"), 0m);

        Assert.Equal("2024-01-01 00:00:00,102325.60,0.00001000,95149,0.00001,0", CandleCsv.FormatRow(candle));
    }

    private static async Task<List<Candle>> ReadAsync(string csv)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var list = new List<Candle>();
        await foreach (var candle in CandleCsv.ReadAsync(stream, "test.csv", Symbol, CancellationToken.None))
            list.Add(candle);
        return list;
    }
}
