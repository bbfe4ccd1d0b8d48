using CandleFunctions.Storage.Csv;
using CandleFunctions.Storage.Ledger;
using CandleFunctions.Storage.Tests.Support;
using static CandleFunctions.Storage.Tests.Support.TestCandles;

namespace CandleFunctions.Storage.Tests.Local;

/// <summary>Files the store cannot trust: it names the file, line and reason, and never rewrites them.</summary>
public sealed class LocalFolderStoreCorruptFileTests : IDisposable
{
    private const string Header = "timestamp,open,high,low,close,volume\n";

    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    public static TheoryData<string, long, string> CorruptFiles() => new()
    {
        {
            Header + "2024-01-01 00:06:00,1,2,0.5,1.5,10\n2024-01-01 00:05:00,1,2,0.5,1.5,10\n",
            3,
            "timestamps out of order (2024-01-01 00:05:00 after 2024-01-01 00:06:00)"
        },
        { Header + "2024-01-01 00:05:00,1,2,0.5,1.5,10\n2024-01-01 00:05:00,1,2,0.5,1.5,10\n", 3, "duplicate timestamp 2024-01-01 00:05:00" },
        { Header + "2024-01-01 00:05:00,1,2,0.5,abc,10\n", 2, "close 'abc' is not a number" },
        { Header + "2024-01-01 00:05:00,1,2,0.5,,10\n", 2, "close is empty" },
        { Header + "yesterday,1,2,0.5,1.5,10\n", 2, "'yesterday' is not a timestamp" },
        { Header + "2024-01-01 00:05:30,1,2,0.5,1.5,10\n", 2, "not on a whole minute" },
        { Header + "2024-01-01 00:05:00,1,2,0.5,1.5\n2024-01-01 00:06:00,1,2,0.5,1.5,10\n", 2, "expected 6 fields, found 5" },
        { "time,open,high,low,close,volume\n2024-01-01 00:05:00,1,2,0.5,1.5,10\n", 1, "lacks the column(s) timestamp" },
        { "symbol,timestamp,open,high,low,close,volume\nETHUSDT,2024-01-01 00:05:00,1,2,0.5,1.5,10\n", 2, "'ETHUSDT', not BTCUSDT" },
        { Header + "2024-01-01 00:05:00,\"1\"x,2,0.5,1.5,10\n", 2, "Malformed" },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public async Task Load_CorruptFile_ThrowsWithFileLineAndReason(string csv, long line, string reason)
    {
        _fixture.WriteCsv(csv);

        var error = await Assert.ThrowsAsync<CorruptCandleFileException>(_fixture.LoadAsync);

        Assert.Equal((_fixture.CsvPath, line), (error.Path, error.Line));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"{_fixture.CsvPath} line {line}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public async Task Commit_CorruptFile_ThrowsAndLeavesItByteIdentical(string csv, long line, string reason)
    {
        _fixture.WriteCsv(csv);
        var before = _fixture.CsvBytes;

        var error = await Assert.ThrowsAsync<CorruptCandleFileException>(() => _fixture.CommitAsync([At(1)], Covering(0, 2)));

        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(before, _fixture.CsvBytes);
        Assert.False(File.Exists(_fixture.LedgerPath));
        Assert.Equal([Path.GetFileName(_fixture.CsvPath)], Directory.GetFiles(_fixture.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Commit_AppendAfterCorruptLastRow_ThrowsAndLeavesTheFile()
    {
        var csv = Header + "2024-01-01 00:00:00,1,2,0.5,1.5,10\n2024-01-01 00:01:00,1,2,0.5,oops,10\n";
        File.WriteAllText(_fixture.LedgerPath, CoverageLedger.Serialize(Symbol, Covering(0, 2)));
        _fixture.WriteCsv(csv);

        var error = await Assert.ThrowsAsync<CorruptCandleFileException>(() => _fixture.CommitAsync([At(5)], Covering(5, 6)));

        Assert.Equal(3, error.Line);
        Assert.Equal(csv, _fixture.CsvText);
    }

    [Fact]
    public async Task Load_CorruptLedger_ThrowsCorruptLedgerException()
    {
        await _fixture.CommitAsync([At(0)], Covering(0, 1));
        File.WriteAllText(_fixture.LedgerPath, "{ not json");

        var error = await Assert.ThrowsAsync<CorruptLedgerException>(_fixture.LoadAsync);

        Assert.Equal(_fixture.LedgerPath, error.Path);
    }
}
