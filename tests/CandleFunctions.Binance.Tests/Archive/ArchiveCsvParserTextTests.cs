using System.Globalization;
using System.Text;
using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Candles;
using CandleFunctions.Tests.Shared;
using CsCheck;
using static CandleFunctions.Binance.Tests.Archive.Utc;

namespace CandleFunctions.Binance.Tests.Archive;

/// <summary>The text path of <see cref="ArchiveCsvParser"/> against the object path: the same rows, the same text, the same refusals.</summary>
public class ArchiveCsvParserTextTests
{
    private const string Header = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore";
    private const string Row0 = "1609459200000,28923.63,28961.66,28913.12,28961.66,27.457,1609459259999,794382.86,1292,16.777,485390.83,0";
    private const string Row1 = "1609459260000,1.2060,1.2100,1.2000,1.2050,100,1609459319999,120.6,3,50,60.3,0";

    private static readonly UtcRange Day = Range("2021-01-01", "2021-01-02");

    private static List<(long Ms, string Values)> ParseText(string text, UtcRange? range = null)
    {
        using var rows = new CandleTextRows(4);
        ArchiveCsvParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), range ?? Day, rows);
        return Enumerable.Range(0, rows.Count).Select(i => (rows.OpenTimeMs(i), Encoding.UTF8.GetString(rows.Values(i)))).ToList();
    }

    private static List<(long Ms, string Values)> ParseObjects(string text, UtcRange? range = null)
    {
        var candles = new List<Candle>();
        ArchiveCsvParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), "BTCUSDT", range ?? Day, candles);
        return candles.Select(c => (c.OpenTimeMs, string.Concat(new[] { c.Open, c.High, c.Low, c.Close, c.Volume }.Select(v => "," + v.ToString(CultureInfo.InvariantCulture))))).ToList();
    }

    [Fact]
    public void Parse_AsText_CarriesTheFiveValuesAsTheFileHasThem()
    {
        var rows = ParseText($"{Header}\n{Row0}\n{Row1}\n");

        Assert.Equal([(1609459200000L, ",28923.63,28961.66,28913.12,28961.66,27.457"), (1609459260000L, ",1.2060,1.2100,1.2000,1.2050,100")], rows);
    }

    [Theory]
    [InlineData("0007.50")]
    [InlineData("+1.5")]
    [InlineData("1.5E-3")]
    [InlineData(" 2.25")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("12345678901234567890.123456789012")]
    [InlineData("0.00000000000000000000000000001")]
    public void Parse_AsText_WritesAValueNotInDecimalFormAsTheObjectPathWould(string open)
    {
        var text = $"1609459200000,{open},2,0.5,1.5,10.000,1609459259999,15,3,5,7.5,0\n";

        Assert.Equal(ParseObjects(text), ParseText(text));
    }

    [Fact]
    public void Parse_AsText_MatchesTheObjectPathForAnyValueText()
    {
        var digits = Gen.Char['0', '9'].Array[1, 16].Select(c => new string(c));
        var value = Gen.OneOf(
            digits,
            Gen.Select(digits, digits, (a, b) => $"{a}.{b}"),
            Gen.Select(digits, Gen.Int[-6, 6], (a, e) => $"{a}E{e}"),
            Gen.Select(digits, digits, (a, b) => $"0{a}.{b}0"));
        Gen.Select(value.Array[5], Gen.Int[0, 3]).Sample((values, minute) =>
        {
            var text = $"{1609459200000 + minute * 60_000L},{string.Join(',', values)},1609459259999,15,3,5,7.5,0\n";
            return ParseObjects(text).SequenceEqual(ParseText(text));
        });
    }

    /// <summary>Both paths' reading of <paramref name="text"/>: the rows, or the refusal's message and line.</summary>
    private static (List<(long Ms, string Values)>? Rows, string? Refusal) Outcome(Func<string, UtcRange?, List<(long Ms, string Values)>> parse, string text, UtcRange range)
    {
        try
        {
            return (parse(text, range), null);
        }
        catch (ArchiveFormatException e)
        {
            return (null, $"{e.LineNumber}: {e.Message}");
        }
    }

    [Fact]
    public void Parse_AsText_MatchesTheObjectPathForAnyMutationOfAUsualRow()
    {
        // A usual row (the one-pass path takes it), then up to three edits from bytes that make rows unusual: every
        // row either reads to the same text on both paths or is refused alike, so the fast path never accepts more.
        var digits = Gen.Char['0', '9'].Array[1, 31].Select(c => new string(c));
        var value = Gen.OneOf(digits, Gen.Select(digits, digits, (a, b) => $"{a}.{b}"), Gen.Const("0"), Gen.Select(digits, d => $"0.{d}"));
        var openTime = Gen.OneOf(
            Gen.Int[0, 1439].Select(m => (1609459200000L + m * 60_000L).ToString(CultureInfo.InvariantCulture)),
            Gen.Int[0, 1439].Select(m => ((1609459200000L + m * 60_000L) * 1000).ToString(CultureInfo.InvariantCulture)),
            Gen.Long[0, 999_999_999_999_999_999].Select(v => v.ToString(CultureInfo.InvariantCulture)),
            // Whole minutes in microseconds, up to beyond the last date a DateTimeOffset holds.
            Gen.Long[0, 16_000_000_000].Select(m => (m * 60_000_000).ToString(CultureInfo.InvariantCulture)),
            Gen.Int[0, 1439].Select(m => "000" + (1609459200000L + m * 60_000L).ToString(CultureInfo.InvariantCulture)));
        var row = Gen.Select(openTime, value.Array[5], value.Array[3], Gen.Long[0, long.MaxValue], (t, v, more, trades) =>
            $"{t},{string.Join(',', v)},1609459259999,{more[0]},{trades},{more[1]},{more[2]},0");
        var everything = new UtcRange(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue);
        Gen.Select(row, TextEdits.Of("0123456789.,-+eE x\t0", 0, 3)).Sample((line, edits) =>
        {
            var text = TextEdits.Apply(line, edits);
            var csv = $"{Row0}\n{text}\n";
            var objects = Outcome(ParseObjects, csv, everything);
            var rows = Outcome(ParseText, csv, everything);
            return objects.Refusal == rows.Refusal
                && (objects.Rows is null ? rows.Rows is null : rows.Rows is not null && objects.Rows.SequenceEqual(rows.Rows));
        }, iter: 20_000);
    }

    [Fact]
    public void Parse_AsText_KeepsTheRangeTheFirstOfARepeatedRowAndSkipsTheHeader()
    {
        var text = $"{Header}\r\n{Row0}\r\n{Row0}\r\n{Row1}\r\n";

        Assert.Equal(ParseObjects(text), ParseText(text));
        Assert.Equal(1609459260000L, Assert.Single(ParseText(text, Range("2021-01-01 00:01", "2021-01-01 00:02"))).Ms);
    }

    [Theory]
    [InlineData("1609459200000,1,2,0.5,1.5,10,1609459259999,15,3,5,7.5")]
    [InlineData("1609459200000,1,2,0.5,1.5,10,1609459259999,15,3,5,7.5,0,extra")]
    [InlineData("1609459200000,one,2,0.5,1.5,10,1609459259999,15,3,5,7.5,0")]
    [InlineData("1609459200000,1,2,0.5,1.5,,1609459259999,15,3,5,7.5,0")]
    [InlineData("1609459200000,1,2,0.5,1.5,10,1609459259999,x15,3,5,7.5,0")]
    [InlineData("1609459200000,1,2,0.5,1.5,10,1609459259999,15,3.5,5,7.5,0")]
    [InlineData("1609459200000,1,2,0.5,1.5,10,1609459259999,15,3,5,7.5.5,0")]
    [InlineData("1609459230000,1,2,0.5,1.5,10,1609459259999,15,3,5,7.5,0")]
    [InlineData("-1609459200000,1,2,0.5,1.5,10,1609459259999,15,3,5,7.5,0")]
    [InlineData("1609459140000,1,2,0.5,1.5,10,1609459259999,15,3,5,7.5,0")]
    public void Parse_AsText_RefusesWhatTheObjectPathRefusesWithTheSameMessage(string row)
    {
        var text = $"{Row0}\n{row}\n";

        var objects = Assert.Throws<ArchiveFormatException>(() => ParseObjects(text));
        var rows = Assert.Throws<ArchiveFormatException>(() => ParseText(text));

        Assert.Equal((objects.Message, objects.LineNumber), (rows.Message, rows.LineNumber));
        Assert.Equal(2, rows.LineNumber);
    }
}
