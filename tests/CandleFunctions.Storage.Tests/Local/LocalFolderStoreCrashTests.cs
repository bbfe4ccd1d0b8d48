using CandleFunctions.Storage.Tests.Support;
using static CandleFunctions.Storage.Tests.Support.TestCandles;

namespace CandleFunctions.Storage.Tests.Local;

/// <summary>What a process killed mid-write leaves behind, and how the store recovers.</summary>
public sealed class LocalFolderStoreCrashTests : IDisposable
{
    private const string Header = "timestamp,open,high,low,close,volume\n";
    private const string Row0 = "2024-01-01 00:00:00,1,2,0.5,1.5,10\n";

    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Load_GarbageUnterminatedLastLine_IsNotCounted()
    {
        await _fixture.CommitAsync(Minutes(0, 3), Covering(0, 3));
        File.AppendAllText(_fixture.CsvPath, "2024-01-01 00:03:00,1,2,0.");

        var stored = await _fixture.LoadAsync();

        Assert.Equal(3, stored.CandleCount);
        Assert.Equal(3, (await _fixture.ReadAllAsync()).Count);
    }

    [Fact]
    public async Task Commit_GarbageUnterminatedLastLine_IsTruncatedBeforeAppending()
    {
        await _fixture.CommitAsync(Minutes(0, 3), Covering(0, 3));
        var clean = _fixture.CsvBytes;
        File.AppendAllText(_fixture.CsvPath, "2024-01-01 00:03:00,1,2,0.");

        var result = await _fixture.CommitAsync(Minutes(3, 5), Covering(3, 5));

        Assert.True(result.Appended);
        Assert.Equal(clean, _fixture.CsvBytes[..clean.Length]);
        Assert.Equal(Minutes(0, 5), await _fixture.ReadAllAsync());
    }

    [Fact]
    public async Task Commit_CompleteUnterminatedRowInNotebookFile_IsKeptAndTerminated()
    {
        _fixture.WriteCsv(Header + "2024-01-01 00:00:00,1,2,0.5,1.5,10");

        var result = await _fixture.CommitAsync([At(1)], Covering(1, 2));

        Assert.True(result.Appended);
        Assert.StartsWith(Header + Row0 + "2024-01-01 00:01:00,", _fixture.CsvText, StringComparison.Ordinal);
        Assert.Equal(2, (await _fixture.ReadAllAsync()).Count);
    }

    [Fact]
    public async Task Commit_CompleteLookingUnterminatedRowOutsideTheLedger_IsDroppedAsInFlight()
    {
        // An append cut inside the volume "10.5" leaves "10", which parses; the ledger does not cover it yet.
        await _fixture.CommitAsync([At(0)], Covering(0, 1));
        File.AppendAllText(_fixture.CsvPath, "2024-01-01 00:01:00,1,2,0.5,1.5,10");

        await _fixture.CommitAsync([At(1)], Covering(1, 2));

        Assert.Equal([At(0), At(1)], await _fixture.ReadAllAsync());
    }

    [Fact]
    public async Task Commit_UnterminatedRowInsideTheLedger_IsKept()
    {
        File.WriteAllText(_fixture.LedgerPath, Storage.Ledger.CoverageLedger.Serialize(Symbol, Covering(0, 1)));
        _fixture.WriteCsv(Header + "2024-01-01 00:00:00,1,2,0.5,1.5,10");

        await _fixture.CommitAsync([At(1)], Covering(1, 2));

        Assert.StartsWith(Header + Row0, _fixture.CsvText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commit_HeaderOnlyWithoutNewline_AppendsAfterANewline()
    {
        _fixture.WriteCsv(Header.TrimEnd('\n'));

        await _fixture.CommitAsync([At(0)], Covering(0, 1));

        Assert.Equal([At(0)], await _fixture.ReadAllAsync());
        Assert.StartsWith(Header + "2024-01-01 00:00:00,", _fixture.CsvText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commit_DataWrittenButLedgerNotUpdated_DedupesOnRetry()
    {
        // A crash between the data write and the ledger write: the rows are there, the ledger lacks them.
        await _fixture.CommitAsync(Minutes(0, 2), Covering(0, 2));
        File.AppendAllText(_fixture.CsvPath, string.Concat(Minutes(2, 4).Select(c => Storage.Csv.CandleCsv.FormatRow(c) + "\n")));

        var result = await _fixture.CommitAsync(Minutes(2, 5), Covering(2, 5));

        Assert.Equal(1, result.Added);
        Assert.Equal(Minutes(0, 5), await _fixture.ReadAllAsync());
        Assert.Equal(Covering(0, 5), (await _fixture.LoadAsync()).Covered);
    }

    [Fact]
    public async Task Commit_FileEndingInBlankLines_AppendsAfterTheLastRow()
    {
        _fixture.WriteCsv(Header + Row0 + "\n\n");

        var result = await _fixture.CommitAsync([At(1)], Covering(1, 2));

        Assert.True(result.Appended);
        Assert.Equal(2, (await _fixture.ReadAllAsync()).Count);
    }

    [Fact]
    public async Task Commit_EarlierCandleIntoFileEndingInBlankLines_Merges()
    {
        _fixture.WriteCsv(Header + "2024-01-01 00:05:00,1,2,0.5,1.5,10\n\n");

        var result = await _fixture.CommitAsync([At(1)], Covering(1, 2));

        Assert.False(result.Appended);
        Assert.Equal([Time(1), Time(5)], (await _fixture.ReadAllAsync()).Select(c => c.Timestamp));
    }

    [Fact]
    public async Task Commit_EmptyRangeOverAnInFlightRow_DropsTheRowBeforeCoveringIt()
    {
        await _fixture.CommitAsync([At(0)], Covering(0, 1));
        File.AppendAllText(_fixture.CsvPath, "2024-01-01 00:01:00,1,2,0.5,1.5,10");

        await _fixture.CommitAsync([], Covering(1, 2));

        Assert.Equal([At(0)], await _fixture.ReadAllAsync());
    }
}
