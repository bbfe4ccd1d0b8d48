using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Candles;
using static CandleFunctions.Binance.Tests.Archive.Utc;

namespace CandleFunctions.Binance.Tests.Archive;

public class ArchiveCsvParserTests
{
    private const string Header = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore";
    private const string Row0 = "1609459200000,28923.63,28961.66,28913.12,28961.66,27.457,1609459259999,794382.86,1292,16.777,485390.83,0";
    private const string Row1 = "1609459260000,1.2060,1.2100,1.2000,1.2050,100,1609459319999,120.6,3,50,60.3,0";

    private static readonly UtcRange Day = Range("2021-01-01", "2021-01-02");

    private static Task<List<Candle>> ParseAsync(string text, UtcRange? range = null) => ParseBytesAsync(System.Text.Encoding.UTF8.GetBytes(text), range);

    private static Task<List<Candle>> ParseBytesAsync(byte[] utf8, UtcRange? range = null, int readSize = int.MaxValue)
    {
        var candles = new List<Candle>();
        ArchiveCsvParser.Parse(new TrickleStream(utf8, readSize), "BTCUSDT", range ?? Day, candles);
        return Task.FromResult(candles);
    }

    [Fact]
    public async Task ParseAsync_WithoutHeader_ReadsEveryRow()
    {
        var candles = await ParseAsync($"{Row0}\n{Row1}\n");

        Assert.Equal([At("2021-01-01 00:00"), At("2021-01-01 00:01")], candles.Select(c => c.Timestamp));
        Assert.Equal(new Candle("BTCUSDT", At("2021-01-01 00:00"), 28923.63m, 28961.66m, 28913.12m, 28961.66m, 27.457m)
        {
            Extras = new KlineExtras(794382.86m, 1292, 16.777m, 485390.83m),
        }, candles[0]);
    }

    [Theory]
    [InlineData("28923.63")]
    [InlineData("1.2000")]
    [InlineData("100")]
    [InlineData("0.0000123")]
    [InlineData("0")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("007.10")]
    [InlineData("999999999999999999")]
    [InlineData("9999999999999999999.5")]
    [InlineData("1e3")]
    [InlineData("-1.5")]
    [InlineData("1234567890.123456789012345")]
    public void ParseRow_ReadsEveryValueWithTheValueAndScaleDecimalParseGives(string value)
    {
        var row = $"1609459260000,{value},{value},{value},{value},{value},1609459319999,{value},3,{value},{value},0";

        var candle = ArchiveCsvParser.ParseRow(row, "BTCUSDT", 2);

        var expected = decimal.Parse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        decimal[] read = [candle.Open, candle.High, candle.Low, candle.Close, candle.Volume, candle.Extras!.QuoteVolume, candle.Extras.TakerBuyVolume, candle.Extras.TakerBuyQuoteVolume];
        Assert.All(read, v => Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ParseRow_WithAnUnreadableTradeCount_NamesTheColumnAndLine()
    {
        var e = Assert.Throws<ArchiveFormatException>(() => ArchiveCsvParser.ParseRow(Row1.Replace(",3,", ",x,", StringComparison.Ordinal), "BTCUSDT", 7));

        Assert.Contains("count 'x' is not an integer", e.Message);
        Assert.Equal(7, e.LineNumber);
    }

    [Fact]
    public async Task ParseAsync_WithHeader_SkipsIt()
    {
        var candles = await ParseAsync($"{Header}\n{Row0}\n{Row1}");

        Assert.Equal(2, candles.Count);
    }

    [Fact]
    public async Task ParseAsync_KeepsTheTextOfEachValue()
    {
        var candle = (await ParseAsync(Row1))[0];

        Assert.Equal("1.2060", candle.Open.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("100", candle.Volume.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ParseAsync_MicrosecondTimestamps_AreReadAsMilliseconds()
    {
        var candles = await ParseAsync("1609459200000000,1,2,0.5,1.5,10,1609459259999999,15,3,5,7.5,0\n");

        Assert.Equal(At("2021-01-01 00:00"), Assert.Single(candles).Timestamp);
    }

    [Fact]
    public async Task ParseAsync_RowsOutsideTheRange_AreDropped()
    {
        var candles = await ParseAsync($"{Row0}\n{Row1}\n", Range("2021-01-01 00:01", "2021-01-01 00:02"));

        Assert.Equal(At("2021-01-01 00:01"), Assert.Single(candles).Timestamp);
    }

    [Fact]
    public async Task ParseAsync_RepeatedRow_IsReadOnce()
    {
        var candles = await ParseAsync($"{Row0}\n{Row0}\n{Row1}\n");

        Assert.Equal(2, candles.Count);
    }

    [Theory]
    [InlineData("1609459200000,1,2,0.5,1.5,10,1609459259999,15,3,5,7.5")]
    [InlineData("1609459200000,1,2,0.5,1.5,10,1609459259999,15,3,5,7.5,0,extra")]
    [InlineData("1609459200000,one,2,0.5,1.5,10,1609459259999,15,3,5,7.5,0")]
    [InlineData("1609459230000,1,2,0.5,1.5,10,1609459259999,15,3,5,7.5,0")]
    [InlineData("-1609459200000,1,2,0.5,1.5,10,1609459259999,15,3,5,7.5,0")]
    public async Task ParseAsync_MalformedRow_ThrowsNamingTheLine(string row)
    {
        var error = await Assert.ThrowsAsync<ArchiveFormatException>(() => ParseAsync($"{Row0}\n{row}\n"));

        Assert.Equal(2, error.LineNumber);
    }

    [Fact]
    public async Task ParseAsync_TimeGoingBackwards_Throws()
    {
        await Assert.ThrowsAsync<ArchiveFormatException>(() => ParseAsync($"{Row1}\n{Row0}\n"));
    }

    [Fact]
    public async Task ParseAsync_HeaderAfterTheFirstLine_Throws()
    {
        await Assert.ThrowsAsync<ArchiveFormatException>(() => ParseAsync($"{Row0}\n{Header}\n"));
    }

    [Fact]
    public async Task Parse_RowsSplitAcrossReads_AreReadWhole()
    {
        var text = $"{Header}\r\n{Row0}\r\n{Row1}\r\n";

        var candles = await ParseBytesAsync(System.Text.Encoding.UTF8.GetBytes(text), readSize: 7);

        Assert.Equal([At("2021-01-01 00:00"), At("2021-01-01 00:01")], candles.Select(c => c.Timestamp));
        Assert.Equal(1205m, candles[1].Close * 1000);
    }

    [Fact]
    public async Task Parse_ByteOrderMarkBeforeAHeader_IsSkippedWithTheHeader()
    {
        var candles = await ParseBytesAsync([0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes($"{Header}\n{Row0}")], readSize: 2);

        Assert.Single(candles);
    }

    [Fact]
    public async Task Parse_LineLongerThanAnyRow_ThrowsInsteadOfGrowingWithoutBound()
    {
        var error = await Assert.ThrowsAsync<ArchiveFormatException>(() => ParseAsync($"{Row0}\n{new string('1', 3 << 20)}"));

        Assert.Equal(2, error.LineNumber);
    }

    /// <summary>Hands out at most a few bytes per read, as an inflating stream may.</summary>
    private sealed class TrickleStream(byte[] bytes, int readSize) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, readSize)]);
    }
}
