using CandleFunctions.Storage.Azure.Blob;
using CandleFunctions.Storage.Azure.Tests.Support;
using static CandleFunctions.Storage.Azure.Tests.Support.TestCandles;

namespace CandleFunctions.Storage.Azure.Tests.Blob;

[Collection(AzuriteCollection.Name)]
public sealed class BlobCandleStoreTests(AzuriteServer azurite) : IDisposable
{
    private readonly BlobTestContext _context = new(azurite);

    [Fact]
    public async Task Commit_ThenLoadAndRead_RoundTripsTheCandlesAndTheLedger()
    {
        var candles = Minutes(0, 100);

        var result = await _context.CommitAsync(_context.Blob, candles, Covering(0, 120));
        var loaded = await _context.Blob.LoadAsync(Symbol, CancellationToken.None);
        var read = await BlobTestContext.ReadAllAsync(_context.Blob, Symbol);

        Assert.Equal(100, result.Added);
        Assert.Equal(candles, read);
        Assert.Equal(Covering(0, 120), loaded.Covered);
        Assert.Equal((Time(0), Time(99), 100L, false), (loaded.First, loaded.Last, loaded.CandleCount, loaded.Adopted));
    }

    [Fact]
    public async Task Commit_SameSequenceAsTheLocalStore_StoresExactlyTheLocalFilesBytes()
    {
        var commits = new[] { (Minutes(50, 60), Covering(50, 60)), (Minutes(60, 70), Covering(60, 75)), (Minutes(10, 20), Covering(0, 20)) };
        foreach (var (candles, covered) in commits)
        {
            await _context.CommitAsync(_context.Blob, candles, covered);
            await _context.CommitAsync(_context.Local, candles, covered);
        }

        Assert.Equal(File.ReadAllBytes(_context.CsvPath), _context.CsvBlobBytes);
        Assert.Equal(File.ReadAllBytes(_context.LedgerPath), _context.LedgerBlobBytes);
    }

    [Fact]
    public async Task Commit_NewerCandles_AppendsABlockAndKeepsTheCommittedOnes()
    {
        await _context.CommitAsync(_context.Blob, Minutes(0, 10), Covering(0, 10));
        var before = _context.CommittedBlocks();

        var result = await _context.CommitAsync(_context.Blob, Minutes(10, 20), Covering(10, 20));
        var after = _context.CommittedBlocks();

        Assert.True(result.Appended);
        Assert.Equal(before, after.Take(before.Count));
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(Minutes(0, 20), await BlobTestContext.ReadAllAsync(_context.Blob, Symbol));
    }

    [Fact]
    public async Task Commit_OlderCandles_RewritesTheBlobWithNewBlocksOnly()
    {
        await _context.CommitAsync(_context.Blob, Minutes(10, 20), Covering(10, 20));
        var before = _context.CommittedBlocks();

        var result = await _context.CommitAsync(_context.Blob, Minutes(0, 5), Covering(0, 10));

        Assert.False(result.Appended);
        Assert.Empty(_context.CommittedBlocks().Intersect(before));
        Assert.Equal([.. Minutes(0, 5), .. Minutes(10, 20)], await BlobTestContext.ReadAllAsync(_context.Blob, Symbol));
        Assert.Equal(Covering(0, 20), (await _context.Blob.LoadAsync(Symbol, CancellationToken.None)).Covered);
    }

    [Fact]
    public async Task Commit_HoleFill_KeepsStoredRowsAndCountsOnlyNewOnes()
    {
        await _context.CommitAsync(_context.Blob, [.. Minutes(0, 5), .. Minutes(8, 10)], Covering(0, 10));

        var result = await _context.CommitAsync(_context.Blob, Minutes(3, 9), Covering(3, 9));

        Assert.Equal(3, result.Added);
        Assert.Equal(Minutes(0, 10), await BlobTestContext.ReadAllAsync(_context.Blob, Symbol));
        var loaded = await _context.Blob.LoadAsync(Symbol, CancellationToken.None);
        Assert.Equal(10, loaded.CandleCount);
    }

    [Fact]
    public async Task Commit_NoCandles_CreatesAHeaderOnlyBlobBesideTheLedger()
    {
        await _context.CommitAsync(_context.Blob, [], Covering(0, 60));

        Assert.Equal("timestamp,open,high,low,close,volume\n", System.Text.Encoding.UTF8.GetString(_context.CsvBlobBytes));
        Assert.Equal(Covering(0, 60), (await _context.Blob.LoadAsync(Symbol, CancellationToken.None)).Covered);
    }

    [Fact]
    public async Task Load_HandUploadedNotebookCsv_AdoptsItsCandles()
    {
        var text = ",timestamp,open,high,low,close,volume,symbol\n0,2024-03-01 00:00:00,1,2,0.5,1.5,10,ETHUSDT\n1,2024-03-01 00:01:00,1,2,0.5,1.5,10,ETHUSDT\n";
        await _context.Container.UploadBlobAsync(BlobCandleStore.DataBlobName(Symbol), BinaryData.FromString(text));

        var loaded = await _context.Blob.LoadAsync(Symbol, CancellationToken.None);
        var added = await _context.CommitAsync(_context.Blob, Minutes(2, 4), Covering(2, 4));

        Assert.True(loaded.Adopted);
        Assert.Equal(Covering(0, 2), loaded.Covered);
        Assert.False(added.Appended);
        Assert.Equal(Covering(0, 4), (await _context.Blob.LoadAsync(Symbol, CancellationToken.None)).Covered);
        Assert.StartsWith("timestamp,open,high,low,close,volume\n2024-03-01 00:00:00,1,2,0.5,1.5,10\n", System.Text.Encoding.UTF8.GetString(_context.CsvBlobBytes));
    }

    [Fact]
    public async Task Commit_LedgerWithoutData_IsReplacedNotUnited()
    {
        await _context.CommitAsync(_context.Blob, Minutes(0, 10), Covering(0, 100));
        await _context.Container.DeleteBlobAsync(BlobCandleStore.DataBlobName(Symbol));
        Assert.True((await _context.Blob.LoadAsync(Symbol, CancellationToken.None)).LedgerWithoutData);

        await _context.CommitAsync(_context.Blob, Minutes(200, 210), Covering(200, 210));

        Assert.Equal(Covering(200, 210), (await _context.Blob.LoadAsync(Symbol, CancellationToken.None)).Covered);
    }

    [Fact]
    public async Task Read_NoBlob_YieldsNothing() =>
        Assert.Empty(await BlobTestContext.ReadAllAsync(_context.Blob, Symbol));

    public void Dispose() => _context.Dispose();
}
