using CandleFunctions.Core.Candles;
using CandleFunctions.Storage.Azure.Blob;
using CandleFunctions.Storage.Azure.Tests.Support;
using static CandleFunctions.Storage.Azure.Tests.Support.TestCandles;

namespace CandleFunctions.Storage.Azure.Tests.Blob;

[Collection(AzuriteCollection.Name)]
public sealed class BlobConcurrencyTests(AzuriteServer azurite) : IDisposable
{
    private readonly BlobTestContext _context = new(azurite);

    [Fact]
    public async Task Commit_BlobChangedBetweenReadAndCommit_LosesTheRaceThenMergesAndRetries()
    {
        await _context.CommitAsync(_context.Blob, Minutes(0, 10), Covering(0, 10));
        var other = _context.NewBlobStore();
        var policy = new InterferingPolicy(() => _context.CommitAsync(other, Minutes(10, 20), Covering(10, 20)));
        var loser = _context.NewBlobStore(policy);

        var result = await _context.CommitAsync(loser, Minutes(20, 30), Covering(20, 30));

        Assert.Contains(412, policy.Statuses);
        Assert.Equal(10, result.Added);
        Assert.Equal(Minutes(0, 30), await BlobTestContext.ReadAllAsync(_context.Blob, Symbol));
        Assert.Equal(Covering(0, 30), (await _context.Blob.LoadAsync(Symbol, CancellationToken.None)).Covered);
    }

    [Fact]
    public async Task Commit_RewriteRacingAnAppend_KeepsBothWritersRows()
    {
        await _context.CommitAsync(_context.Blob, Minutes(100, 110), Covering(100, 110));
        var other = _context.NewBlobStore();
        var policy = new InterferingPolicy(() => _context.CommitAsync(other, Minutes(110, 120), Covering(110, 120)));
        var loser = _context.NewBlobStore(policy);

        await _context.CommitAsync(loser, Minutes(0, 10), Covering(0, 10));

        Assert.Contains(412, policy.Statuses);
        Assert.Equal([.. Minutes(0, 10), .. Minutes(100, 120)], await BlobTestContext.ReadAllAsync(_context.Blob, Symbol));
    }

    [Fact]
    public async Task Commit_TwoWritersOnOneSymbolAtOnce_LoseNoCandle()
    {
        var first = _context.NewBlobStore();
        var second = _context.NewBlobStore();

        // Interleaved ten-minute slices, so the writers both append and rewrite around each other.
        async Task WriteAsync(ICandleStore store, int offset)
        {
            for (var slice = offset; slice < 16; slice += 2)
                await _context.CommitAsync(store, Minutes(slice * 10, slice * 10 + 10), Covering(slice * 10, slice * 10 + 10));
        }
        await Task.WhenAll(WriteAsync(first, 0), WriteAsync(second, 1));

        var read = await BlobTestContext.ReadAllAsync(_context.Blob, Symbol);
        Assert.Equal(Minutes(0, 160), read);
        Assert.Equal(Covering(0, 160), (await _context.Blob.LoadAsync(Symbol, CancellationToken.None)).Covered);
    }

    [Fact]
    public async Task Commit_ManyWritersCreatingTheSameBlob_OneCreatesTheOthersMerge()
    {
        var writers = Enumerable.Range(0, 4).Select(_ => _context.NewBlobStore()).ToList();

        await Task.WhenAll(writers.Select((store, i) => _context.CommitAsync(store, Minutes(i * 5, i * 5 + 5), Covering(i * 5, i * 5 + 5))));

        List<Candle> read = await BlobTestContext.ReadAllAsync(_context.Blob, Symbol);
        Assert.Equal(Minutes(0, 20), read);
        Assert.Equal(Covering(0, 20), (await _context.Blob.LoadAsync(Symbol, CancellationToken.None)).Covered);
    }

    [Fact]
    public async Task Inspect_BetweenAnotherWritersDataAndLedger_SeesOurOwnRowsNotAFileToAdopt()
    {
        // Another process's first commit has written the candle blob and not yet its ledger: its rows came from the
        // exchange, so verifying them as a notebook's would spend weight and then lose the race to the ledger write.
        var reader = _context.NewBlobStore();
        RepairTarget? seen = null;
        var policy = new InterferingPolicy(async () => seen = await reader.InspectAsync(Symbol, CancellationToken.None), afterCommit: true);
        var writer = _context.NewBlobStore(policy);

        await _context.CommitAsync(writer, Minutes(0, 10), Covering(0, 10));

        Assert.NotNull(seen);
        Assert.True(seen.HasData);
        Assert.Null(seen.Ledger);
        Assert.True(seen.WrittenByUs);
        Assert.False(seen.NeedsAdoption);
        Assert.Equal(Covering(0, 10), (await reader.LoadAsync(Symbol, CancellationToken.None)).Covered);
    }

    [Fact]
    public async Task Inspect_TheSameRowsUploadedByHand_StillNeedAdoption()
    {
        await _context.CommitAsync(_context.Blob, Minutes(0, 10), Covering(0, 10));
        var bytes = _context.CsvBlobBytes;
        await _context.Container.DeleteBlobAsync(BlobCandleStore.LedgerBlobName(Symbol));
        await _context.Container.GetBlobClient(BlobCandleStore.DataBlobName(Symbol)).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);

        var target = await _context.NewBlobStore().InspectAsync(Symbol, CancellationToken.None);

        Assert.False(target.WrittenByUs);
        Assert.True(target.NeedsAdoption);
    }

    public void Dispose() => _context.Dispose();
}
