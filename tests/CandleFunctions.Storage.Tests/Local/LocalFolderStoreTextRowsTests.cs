using System.Globalization;
using System.Text;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Tests.Support;
using static CandleFunctions.Storage.Tests.Support.TestCandles;

namespace CandleFunctions.Storage.Tests.Local;

/// <summary><see cref="Local.LocalFolderStore.CommitRowsAsync"/>: text rows write the very bytes candles would, keep the ledger rules.</summary>
public sealed class LocalFolderStoreTextRowsTests : IDisposable
{
    private readonly StoreFixture _text = new();
    private readonly StoreFixture _objects = new();

    public void Dispose()
    {
        _text.Dispose();
        _objects.Dispose();
    }

    /// <summary>The candles as text rows, split into batches of <paramref name="batchSize"/>, values as decimal writes them.</summary>
    private static List<CandleTextRows> Rows(IReadOnlyList<Candle> candles, int batchSize = int.MaxValue)
    {
        var batches = new List<CandleTextRows>();
        foreach (var chunk in candles.Chunk(Math.Min(batchSize, Math.Max(1, candles.Count))))
        {
            var rows = new CandleTextRows(2);
            foreach (var c in chunk)
            {
                var values = string.Concat(new[] { c.Open, c.High, c.Low, c.Close, c.Volume }.Select(v => "," + v.ToString(CultureInfo.InvariantCulture)));
                rows.Add(c.OpenTimeMs, Encoding.UTF8.GetBytes(values));
            }
            batches.Add(rows);
        }
        return batches;
    }

    private async Task BothAsync(IReadOnlyList<Candle> candles, CoverageSet covered, int batchSize = int.MaxValue)
    {
        var batches = Rows(candles, batchSize);
        try
        {
            await _text.Store.CommitRowsAsync(Symbol, batches, covered, CancellationToken.None);
        }
        finally
        {
            foreach (var rows in batches)
                rows.Dispose();
        }
        await _objects.CommitAsync(candles, covered);
    }

    [Fact]
    public async Task CommitRows_NewFile_WritesTheBytesCandlesWould()
    {
        await BothAsync(Minutes(0, 10), Covering(0, 10), batchSize: 3);

        Assert.Equal(_objects.CsvBytes, _text.CsvBytes);
        Assert.Equal(Covering(0, 10), (await _text.LoadAsync()).Covered);
    }

    [Fact]
    public async Task CommitRows_Append_AddsTheBytesCandlesWould()
    {
        await BothAsync(Minutes(0, 5), Covering(0, 5));
        await BothAsync(Minutes(5, 9), Covering(5, 9), batchSize: 2);

        Assert.Equal(_objects.CsvBytes, _text.CsvBytes);
        Assert.Equal(Covering(0, 9), (await _text.LoadAsync()).Covered);
    }

    [Fact]
    public async Task CommitRows_BeforeStoredRows_MergesAsCandlesWould()
    {
        await BothAsync(Minutes(10, 15), Covering(10, 15));
        await BothAsync([At(0, "0.000100"), At(3, "12345.670"), At(12, "7")], CoverageSet.Of(Range(0, 5), Range(12, 13)));

        Assert.Equal(_objects.CsvBytes, _text.CsvBytes);
        Assert.Equal(CoverageSet.Of(Range(0, 5), Range(10, 15)), (await _text.LoadAsync()).Covered);
    }

    [Fact]
    public async Task CommitRows_AcrossDaysAndAYearEnd_WritesTheTimestampsCandlesWould()
    {
        // From 2023-12-30 23:58 over New Year and on for three days, in uneven batches, with every second row missing
        // on the first day and two covered ranges: each day's date is formatted once and reused, so a stale date shows.
        var start = -2 * 1440 - 2;
        var candles = Minutes(start, 3 * 1440).Where(c => c.Timestamp >= Time(0) || c.Timestamp.Minute % 2 == 0).ToList();
        var covered = CoverageSet.Of(Range(start, 1440), Range(1440, 3 * 1440));

        await BothAsync(candles, covered, batchSize: 997);

        Assert.Equal(_objects.CsvBytes, _text.CsvBytes);
        var text = Encoding.UTF8.GetString(_text.CsvBytes);
        Assert.Contains("\n2023-12-31 23:58:00,", text, StringComparison.Ordinal);
        Assert.Contains("\n2024-01-01 00:00:00,", text, StringComparison.Ordinal);
        Assert.Contains("\n2024-01-03 23:59:00,", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitRows_RowInAGapBetweenCoveredRanges_IsRefused()
    {
        // Rows 0-9 and 20-29 are covered; minute 15 lies between them, after rows the first range accepted.
        var batches = Rows([.. Minutes(0, 10), At(15), .. Minutes(20, 30)], batchSize: 4);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            _text.Store.CommitRowsAsync(Symbol, batches, CoverageSet.Of(Range(0, 10), Range(20, 30)), CancellationToken.None));

        Assert.Contains("Row 10 ", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_text.CsvPath));
    }

    [Fact]
    public async Task CommitRows_RowOverTheEndOfItsRange_IsRefused()
    {
        var batches = Rows(Minutes(0, 6));

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            _text.Store.CommitRowsAsync(Symbol, batches, Covering(0, 5), CancellationToken.None));

        Assert.Contains("Row 5 ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitRows_OnlyCoverage_WritesTheHeaderAndTheLedger()
    {
        await BothAsync([], Covering(0, 60));

        Assert.Equal(_objects.CsvBytes, _text.CsvBytes);
        Assert.Equal(Covering(0, 60), (await _text.LoadAsync()).Covered);
    }

    [Fact]
    public async Task CommitRows_RowOutsideTheRange_IsRefusedAndNothingIsWritten()
    {
        var batches = Rows(Minutes(0, 3));

        await Assert.ThrowsAsync<ArgumentException>(() => _text.Store.CommitRowsAsync(Symbol, batches, Covering(0, 2), CancellationToken.None));

        Assert.False(File.Exists(_text.CsvPath));
        Assert.False(File.Exists(_text.LedgerPath));
    }

    [Fact]
    public async Task CommitRows_BatchesOutOfOrder_AreRefused()
    {
        var batches = Rows(Minutes(0, 4), batchSize: 2);
        batches.Reverse();

        await Assert.ThrowsAsync<ArgumentException>(() => _text.Store.CommitRowsAsync(Symbol, batches, Covering(0, 4), CancellationToken.None));

        Assert.False(File.Exists(_text.CsvPath));
    }
}
