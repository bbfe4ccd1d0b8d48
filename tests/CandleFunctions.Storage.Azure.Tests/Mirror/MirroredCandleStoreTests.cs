using CandleFunctions.Storage.Azure.Tests.Support;
using static CandleFunctions.Storage.Azure.Tests.Support.TestCandles;

namespace CandleFunctions.Storage.Azure.Tests.Mirror;

[Collection(AzuriteCollection.Name)]
public sealed class MirroredCandleStoreTests(AzuriteServer azurite) : IDisposable
{
    private readonly BlobTestContext _context = new(azurite);

    [Fact]
    public async Task Commit_AppendPrependAndEmptyRanges_KeepsTheLocalFolderIdenticalToTheBlob()
    {
        var mirror = _context.NewMirror();
        await mirror.LoadAsync(Symbol, CancellationToken.None);

        await _context.CommitAsync(mirror, Minutes(100, 110), Covering(100, 110));
        AssertIdentical();
        await _context.CommitAsync(mirror, Minutes(110, 120), Covering(110, 130));
        AssertIdentical();
        await _context.CommitAsync(mirror, Minutes(0, 10), Covering(0, 10));
        AssertIdentical();
        await _context.CommitAsync(mirror, [], Covering(500, 600));
        AssertIdentical();

        Assert.Equal([.. Minutes(0, 10), .. Minutes(100, 120)], await BlobTestContext.ReadAllAsync(_context.Blob, Symbol));
    }

    [Fact]
    public async Task Load_LocalFileMissing_RestoresItFromTheBlob()
    {
        await _context.CommitAsync(_context.NewMirror(), Minutes(0, 30), Covering(0, 30));
        File.Delete(_context.CsvPath);
        File.Delete(_context.LedgerPath);

        var loaded = await _context.NewMirror().LoadAsync(Symbol, CancellationToken.None);

        Assert.Equal(30, loaded.CandleCount);
        AssertIdentical();
    }

    [Fact]
    public async Task Load_AnotherWriterUpdatedTheBlob_RefreshesTheStaleLocalFile()
    {
        await _context.CommitAsync(_context.NewMirror(), Minutes(0, 30), Covering(0, 30));
        await _context.CommitAsync(_context.NewBlobStore(), Minutes(30, 60), Covering(30, 60));

        var loaded = await _context.NewMirror().LoadAsync(Symbol, CancellationToken.None);

        Assert.Equal((60L, Covering(0, 60)), (loaded.CandleCount, loaded.Covered));
        AssertIdentical();
    }

    [Fact]
    public async Task Commit_AnotherWriterChangedTheBlobMeanwhile_LocalFollowsTheBlob()
    {
        var mirror = _context.NewMirror();
        await _context.CommitAsync(mirror, Minutes(0, 30), Covering(0, 30));
        await _context.CommitAsync(_context.NewBlobStore(), Minutes(30, 40), Covering(30, 40));

        await _context.CommitAsync(mirror, Minutes(40, 50), Covering(40, 50));

        Assert.Equal(Minutes(0, 50), await BlobTestContext.ReadAllAsync(_context.Local, Symbol));
        AssertIdentical();
    }

    [Fact]
    public async Task Load_LocalOnlyCandlesFromAnEarlierLocalRun_AreMergedIntoTheBlobNotDropped()
    {
        await _context.CommitAsync(_context.Blob, Minutes(0, 20), Covering(0, 20));
        await _context.CommitAsync(_context.Local, [.. Minutes(10, 15), .. Minutes(40, 50)], Covering(10, 60));

        var loaded = await _context.NewMirror().LoadAsync(Symbol, CancellationToken.None);

        Assert.Equal([.. Minutes(0, 20), .. Minutes(40, 50)], await BlobTestContext.ReadAllAsync(_context.Blob, Symbol));
        Assert.Equal(Covering(0, 60), loaded.Covered);
        AssertIdentical();
    }

    [Fact]
    public async Task Load_LocalDataAndAnEmptyContainer_UploadsTheLocalData()
    {
        await _context.CommitAsync(_context.Local, Minutes(0, 20), Covering(0, 25));
        var localBytes = File.ReadAllBytes(_context.CsvPath);

        await _context.NewMirror().LoadAsync(Symbol, CancellationToken.None);

        Assert.Equal(localBytes, _context.CsvBlobBytes);
        Assert.Equal(Covering(0, 25), (await _context.Blob.LoadAsync(Symbol, CancellationToken.None)).Covered);
        AssertIdentical();
    }

    [Fact]
    public async Task Commit_LocalFileEditedSinceTheLastSync_MergesItBeforeWriting()
    {
        var mirror = _context.NewMirror();
        await _context.CommitAsync(mirror, Minutes(0, 10), Covering(0, 10));
        await _context.CommitAsync(_context.Local, Minutes(10, 20), Covering(10, 20));

        await _context.CommitAsync(mirror, Minutes(20, 30), Covering(20, 30));

        Assert.Equal(Minutes(0, 30), await BlobTestContext.ReadAllAsync(_context.Blob, Symbol));
        AssertIdentical();
    }

    private void AssertIdentical()
    {
        Assert.Equal(_context.CsvBlobBytes, File.ReadAllBytes(_context.CsvPath));
        Assert.Equal(_context.LedgerBlobBytes, File.ReadAllBytes(_context.LedgerPath));
    }

    public void Dispose() => _context.Dispose();
}
