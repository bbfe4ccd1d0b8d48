using System.Globalization;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Tests.Support;
using static CandleFunctions.Storage.Tests.Support.TestCandles;

namespace CandleFunctions.Storage.Tests.Local;

/// <summary>CSV files written by the user's old notebook (pandas) and no ledger.</summary>
public sealed class LocalFolderStoreAdoptionTests : IDisposable
{
    private const string Notebook =
        ",timestamp,open,high,low,close,volume,symbol\n" +
        "0,2024-01-01 00:00:00+00:00,42000.5,42001.0,41999.5,42000.0,1e-05,BTCUSDT\n" +
        "1,2024-01-01 00:01:00+00:00,42000.0,42002.0,41998.0,42001.5,12.5,BTCUSDT\n" +
        "2,2024-01-01 00:05:00+00:00,42001.5,42003.0,42000.0,42002.0,3.25,BTCUSDT\n";

    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    public static TheoryData<string, string> Layouts() => new()
    {
        { "ours", "timestamp,open,high,low,close,volume\n2024-01-01 00:00:00,1,2,0.5,1.5,10\n2024-01-01 00:02:00,1,2,0.5,1.5,10\n" },
        { "reordered", "open,high,low,close,volume,timestamp\n1,2,0.5,1.5,10,2024-01-01 00:00:00\n1,2,0.5,1.5,10,2024-01-01 00:02:00\n" },
        { "index column", ",timestamp,open,high,low,close,volume\n0,2024-01-01 00:00:00,1,2,0.5,1.5,10\n1,2024-01-01 00:02:00,1,2,0.5,1.5,10\n" },
        { "ISO timestamps", "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n2024-01-01T00:02:00Z,1,2,0.5,1.5,10\n" },
        { "symbol column, CRLF", "symbol,timestamp,open,high,low,close,volume\r\nBTCUSDT,2024-01-01 00:00:00+00:00,1,2,0.5,1.5,1e-05\r\nBTCUSDT,2024-01-01 00:02:00+00:00,1,2,0.5,1.5,10\r\n" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Load_CsvWithoutLedger_AdoptsTheMinutesOfItsCandles(string layout, string csv)
    {
        _fixture.WriteCsv(csv);

        var stored = await _fixture.LoadAsync();

        Assert.True(stored.Adopted, layout);
        Assert.Equal(CoverageSet.Of(Range(0, 1), Range(2, 3)), stored.Covered);
        Assert.Equal((Time(0), Time(2), 2L), (stored.First, stored.Last, stored.CandleCount));
    }

    [Fact]
    public async Task Read_NotebookFile_ParsesExponentValuesIntoDecimals()
    {
        _fixture.WriteCsv(Notebook);

        var first = (await _fixture.ReadAllAsync())[0];

        Assert.Equal((42000.5m, 0.00001m), (first.Open, first.Volume));
    }

    [Fact]
    public async Task Commit_IntoNotebookFile_NormalisesItWithoutLosingARowOrValue()
    {
        _fixture.WriteCsv(Notebook);
        var before = await _fixture.ReadAllAsync();

        var result = await _fixture.CommitAsync([At(3)], Covering(2, 5));

        Assert.False(result.Appended);
        var after = await _fixture.ReadAllAsync();
        Assert.Equal(before.Take(2).Append(At(3)).Append(before[2]), after);
        Assert.StartsWith(
            "timestamp,open,high,low,close,volume\n2024-01-01 00:00:00,42000.5,42001.0,41999.5,42000.0,0.00001\n",
            _fixture.CsvText,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commit_IntoNotebookFile_LedgerKeepsTheAdoptedMinutes()
    {
        _fixture.WriteCsv(Notebook);

        await _fixture.CommitAsync(Minutes(6, 8), Covering(6, 8));

        var stored = await _fixture.LoadAsync();
        Assert.False(stored.Adopted);
        Assert.Equal(CoverageSet.Of(Range(0, 2), Range(5, 8)), stored.Covered);
    }

    [Fact]
    public async Task Commit_LaterCandlesIntoOurLayoutWithoutLedger_AppendsAndAdopts()
    {
        _fixture.WriteCsv("timestamp,open,high,low,close,volume\n2024-01-01 00:00:00,1,2,0.5,1.5,10\n");

        var result = await _fixture.CommitAsync([At(1)], Covering(1, 2));

        Assert.True(result.Appended);
        Assert.Equal(Covering(0, 2), (await _fixture.LoadAsync()).Covered);
    }

    [Fact]
    public async Task Commit_EmptyRangeIntoNotebookFile_LeavesTheFileAlone()
    {
        _fixture.WriteCsv(Notebook);
        var before = _fixture.CsvBytes;

        await _fixture.CommitAsync([], Covering(100, 200));

        Assert.Equal(before, _fixture.CsvBytes);
        Assert.Equal(CoverageSet.Of(Range(0, 2), Range(5, 6), Range(100, 200)), (await _fixture.LoadAsync()).Covered);
    }

    [Fact]
    public async Task Load_NotebookFileWithUnroundedFloat_KeepsItsDigits()
    {
        _fixture.WriteCsv("timestamp,open,high,low,close,volume\n2024-01-01 00:00:00,0.30000000000000004,1,1,1,1\n");

        var candle = (await _fixture.ReadAllAsync())[0];

        Assert.Equal("0.30000000000000004", candle.Open.ToString(CultureInfo.InvariantCulture));
    }
}
