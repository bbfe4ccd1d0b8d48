using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Csv;
using CandleFunctions.Storage.Tests.Support;
using static CandleFunctions.Storage.Tests.Support.TestCandles;

namespace CandleFunctions.Storage.Tests.Local;

public sealed class LocalFolderStoreCommitTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Commit_ThenRead_ReturnsTheSameCandles()
    {
        var candles = Minutes(0, 10);
        await _fixture.CommitAsync(candles, Covering(0, 10));

        Assert.Equal(candles, await _fixture.ReadAllAsync());
    }

    [Fact]
    public async Task Commit_NewFile_WritesOurHeaderAndLfRows()
    {
        await _fixture.CommitAsync([At(0, "95149")], Covering(0, 1));

        Assert.Equal("timestamp,open,high,low,close,volume\n2024-01-01 00:00:00,100,200.00,50.5,95149,0.000\n", _fixture.CsvText);
    }

    [Fact]
    public async Task Load_AfterCommits_ReportsSummaryAndLedgerUnion()
    {
        await _fixture.CommitAsync(Minutes(0, 5), Covering(0, 5));
        await _fixture.CommitAsync(Minutes(10, 12), Covering(8, 12));

        var stored = await _fixture.LoadAsync();

        Assert.Equal(CoverageSet.Of(Range(0, 5), Range(8, 12)), stored.Covered);
        Assert.Equal((Time(0), Time(11), 7L, false), (stored.First, stored.Last, stored.CandleCount, stored.Adopted));
    }

    [Fact]
    public async Task Commit_LaterCandles_AppendsBytesWithoutRewriting()
    {
        await _fixture.CommitAsync(Minutes(0, 5), Covering(0, 5));
        var before = _fixture.CsvBytes;

        var result = await _fixture.CommitAsync(Minutes(5, 8), Covering(5, 8));

        var after = _fixture.CsvBytes;
        Assert.Equal(new CommitResult(3, Appended: true), result);
        Assert.Equal(before, after[..before.Length]);
        Assert.Equal(
            string.Concat(Minutes(5, 8).Select(c => CandleCsv.FormatRow(c) + "\n")),
            System.Text.Encoding.UTF8.GetString(after[before.Length..]));
    }

    [Fact]
    public async Task Commit_EarlierCandles_PrependsInOrder()
    {
        await _fixture.CommitAsync(Minutes(10, 15), Covering(10, 15));

        var result = await _fixture.CommitAsync(Minutes(0, 3), Covering(0, 10));

        Assert.Equal(new CommitResult(3, Appended: false), result);
        Assert.Equal(Minutes(0, 3).Concat(Minutes(10, 15)), await _fixture.ReadAllAsync());
    }

    [Fact]
    public async Task Commit_HoleFill_ProducesAnOrderedFile()
    {
        await _fixture.CommitAsync(Minutes(0, 3), Covering(0, 3));
        await _fixture.CommitAsync(Minutes(7, 10), Covering(7, 10));

        await _fixture.CommitAsync(Minutes(3, 7), Covering(3, 7));

        Assert.Equal(Minutes(0, 10), await _fixture.ReadAllAsync());
        Assert.Equal(Covering(0, 10), (await _fixture.LoadAsync()).Covered);
    }

    [Fact]
    public async Task Commit_OverlappingCandles_KeepsTheStoredRows()
    {
        await _fixture.CommitAsync([At(1, "1.10"), At(2, "2.20")], Covering(1, 3));

        var result = await _fixture.CommitAsync([At(0, "9"), At(1, "9"), At(2, "9"), At(3, "9")], Covering(0, 4));

        Assert.Equal(2, result.Added);
        var closes = (await _fixture.ReadAllAsync()).Select(c => c.Close.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["9", "1.10", "2.20", "9"], closes);
    }

    [Fact]
    public async Task Commit_NoCandles_ChangesOnlyTheLedger()
    {
        await _fixture.CommitAsync(Minutes(0, 5), Covering(0, 5));
        var before = _fixture.CsvBytes;

        var result = await _fixture.CommitAsync([], Covering(5, 60));

        Assert.Equal(new CommitResult(0, Appended: false), result);
        Assert.Equal(before, _fixture.CsvBytes);
        Assert.Equal(Covering(0, 60), (await _fixture.LoadAsync()).Covered);
    }

    [Fact]
    public async Task Commit_NoCandlesForANewSymbol_KeepsTheCoverageWithAHeaderOnlyFile()
    {
        await _fixture.CommitAsync([], Covering(0, 60));

        var stored = await _fixture.LoadAsync();

        Assert.Equal(Covering(0, 60), stored.Covered);
        Assert.Equal(CandleCsv.Header + "\n", _fixture.CsvText);
    }

    [Fact]
    public async Task Commit_ExactDecimalText_RoundTrips()
    {
        var candle = new Core.Candles.Candle(Symbol, Time(0), Dec("102325.60"), Dec("0.00001000"), Dec("95149"), Dec("1.0"), Dec("0"));
        await _fixture.CommitAsync([candle], Covering(0, 1));
        await _fixture.CommitAsync([At(-1)], Covering(-1, 0)); // a merge re-reads and rewrites the row

        Assert.Contains("2024-01-01 00:00:00,102325.60,0.00001000,95149,1.0,0\n", _fixture.CsvText, StringComparison.Ordinal);
        var read = (await _fixture.ReadAllAsync())[1];
        Assert.Equal("102325.60 0.00001000 95149", FormattableString.Invariant($"{read.Open} {read.High} {read.Low}"));
    }

    [Fact]
    public async Task Commit_StrayTempFilesFromACrash_AreRemoved()
    {
        await _fixture.CommitAsync(Minutes(0, 2), Covering(0, 2));
        var stray = _fixture.CsvPath + ".0123456789abcdef.tmp";
        File.WriteAllText(stray, "half");

        await _fixture.CommitAsync(Minutes(2, 3), Covering(2, 3));

        Assert.False(File.Exists(stray));
    }

    [Fact]
    public async Task Load_LedgerWithoutCsv_ReportsNothingCovered()
    {
        await _fixture.CommitAsync(Minutes(0, 5), Covering(0, 5));
        File.Delete(_fixture.CsvPath);

        var stored = await _fixture.LoadAsync();

        Assert.True(stored.Covered.IsEmpty);
        Assert.True(stored.LedgerWithoutData);
    }

    [Fact]
    public async Task Commit_AfterDataWasDeleted_ForgetsTheOldLedger()
    {
        await _fixture.CommitAsync(Minutes(0, 5), Covering(0, 5));
        File.Delete(_fixture.CsvPath);

        await _fixture.CommitAsync(Minutes(10, 12), Covering(10, 12));

        Assert.Equal(Covering(10, 12), (await _fixture.LoadAsync()).Covered);
    }

    [Fact]
    public async Task Load_NothingStored_IsEmpty()
    {
        var stored = await _fixture.LoadAsync();

        Assert.Equal(new StoredSymbol(Symbol, CoverageSet.Empty, null, null, 0, Adopted: false), stored);
    }
}
