using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using CandleFunctions.Core.Candles;
using CandleFunctions.Storage.Azure.Blob;
using CandleFunctions.Storage.Azure.Parquet;
using CandleFunctions.Storage.Azure.Tests.Support;
using CandleFunctions.Storage.Parquet;
using static CandleFunctions.Storage.Azure.Tests.Support.TestCandles;

namespace CandleFunctions.Storage.Azure.Tests.Parquet;

/// <summary>Parquet month files as blobs on Azurite, mirrored into a local folder.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobParquetMonthStoreTests(AzuriteServer azurite) : IDisposable
{
    private static readonly DateOnly March = new(2024, 3, 1);
    private static readonly DateOnly April = new(2024, 4, 1);

    private readonly BlobTestContext _context = new(azurite);

    // Minute offsets from 2024-03-01: the last minutes of March and the first of April.
    private const int EndOfMarch = 31 * 24 * 60;

    [Fact]
    public async Task Commit_WritesOneBlobPerMonthUnderTheHiveNames_AndTheMirrorHoldsTheSameBytes()
    {
        var store = NewStore(out var months);
        var candles = WithExtras(Minutes(EndOfMarch - 30, EndOfMarch + 30));

        await store.CommitAsync(Symbol, candles, Covering(EndOfMarch - 30, EndOfMarch + 30), CancellationToken.None);
        await store.FlushAsync(Symbol, CancellationToken.None);

        Assert.Equal(
            ["parquet/symbol=ETHUSDT/_ledger.json", "parquet/symbol=ETHUSDT/month=2024-03.parquet", "parquet/symbol=ETHUSDT/month=2024-04.parquet"],
            _context.Container.GetBlobs().Select(b => b.Name).Order(StringComparer.Ordinal));
        foreach (var month in new[] { March, April })
            Assert.Equal(_context.BlobBytes(BlobParquetMonthStore.MonthBlobName(Symbol, month)), File.ReadAllBytes(months.Mirror!.MonthPath(Symbol, month)));
        Assert.Equal(_context.BlobBytes(BlobParquetMonthStore.LedgerBlobName(Symbol)), File.ReadAllBytes(months.Mirror!.LedgerPath(Symbol)));
        Assert.Equal(candles, await BlobTestContext.ReadAllAsync(NewStore(out _), Symbol));
        Assert.Equal(Covering(EndOfMarch - 30, EndOfMarch + 30), (await NewStore(out _).LoadAsync(Symbol, CancellationToken.None)).Covered);
    }

    [Fact]
    public async Task Read_StaleOrMissingMirror_IsHealedFromTheBlob()
    {
        var store = NewStore(out var months);
        await store.CommitAsync(Symbol, Minutes(0, 50), Covering(0, 50), CancellationToken.None);
        await store.FlushAsync(Symbol, CancellationToken.None);
        var path = months.Mirror!.MonthPath(Symbol, March);
        File.WriteAllBytes(path, [1, 2, 3]);
        File.Delete(months.Mirror.LedgerPath(Symbol));

        var read = await BlobTestContext.ReadAllAsync(NewStore(out var fresh), Symbol);
        await fresh.ReadLedgerAsync(Symbol, CancellationToken.None);

        Assert.Equal(Minutes(0, 50), read);
        Assert.Equal(_context.BlobBytes(BlobParquetMonthStore.MonthBlobName(Symbol, March)), File.ReadAllBytes(path));
        Assert.True(File.Exists(months.Mirror.LedgerPath(Symbol)));
    }

    [Fact]
    public async Task Write_AfterAnotherWriterReplacedTheMonth_LosesTheRaceThenKeepsBothWritersRows()
    {
        var statuses = new RecordingPolicy();
        var first = new ParquetCandleStore(_context.Blob.ParquetMonths(null));
        var second = new ParquetCandleStore(NewMonths(statuses, mirror: true));
        // Both read March as absent; the first writes it; the second's put is conditional on "absent" and loses.
        await second.CommitAsync(Symbol, Minutes(20, 30), Covering(20, 30), CancellationToken.None);
        await first.CommitAsync(Symbol, Minutes(0, 10), Covering(0, 10), CancellationToken.None);
        await first.FlushAsync(Symbol, CancellationToken.None);

        await second.FlushAsync(Symbol, CancellationToken.None);

        Assert.Contains(statuses.Statuses, s => s is 409 or 412);
        var fresh = NewStore(out _);
        Assert.Equal([.. Minutes(0, 10), .. Minutes(20, 30)], await BlobTestContext.ReadAllAsync(fresh, Symbol));
        Assert.Equal(Covering(0, 10).Union(Covering(20, 30)), (await fresh.LoadAsync(Symbol, CancellationToken.None)).Covered);
    }

    [Fact]
    public async Task Crash_BetweenTheMonthPutAndTheLedgerPut_LeavesAWholeMonthFile_AndTheNextRunCompletesWithoutDuplicates()
    {
        var store = NewStore(out _);
        await store.CommitAsync(Symbol, Minutes(0, 10), Covering(0, 10), CancellationToken.None);
        await store.FlushAsync(Symbol, CancellationToken.None);
        // The process dies as the ledger is about to be written: every later ledger request fails.
        var crashing = new ParquetCandleStore(NewMonths(new FailingPolicy(r => r.Uri.Path.EndsWith("_ledger.json", StringComparison.Ordinal) && r.Method == RequestMethod.Put), mirror: true));
        await crashing.CommitAsync(Symbol, Minutes(10, 20), Covering(10, 20), CancellationToken.None);
        await Assert.ThrowsAsync<BlobStoreException>(() => crashing.FlushAsync(Symbol, CancellationToken.None));

        var next = NewStore(out _);
        var loaded = await next.LoadAsync(Symbol, CancellationToken.None);
        Assert.Equal(Covering(0, 10), loaded.Covered);
        Assert.Equal(Minutes(0, 20), await BlobTestContext.ReadAllAsync(next, Symbol));
        await next.CommitAsync(Symbol, Minutes(10, 20), Covering(10, 20), CancellationToken.None);
        await next.FlushAsync(Symbol, CancellationToken.None);

        Assert.Equal(Minutes(0, 20), await BlobTestContext.ReadAllAsync(NewStore(out _), Symbol));
        Assert.Equal(Covering(0, 20), (await NewStore(out _).LoadAsync(Symbol, CancellationToken.None)).Covered);
    }

    [Fact]
    public async Task Crash_DuringTheMonthPut_LeavesTheOldMonthFileAndTheOldLedger()
    {
        var store = NewStore(out _);
        await store.CommitAsync(Symbol, Minutes(0, 10), Covering(0, 10), CancellationToken.None);
        await store.FlushAsync(Symbol, CancellationToken.None);
        var before = _context.BlobBytes(BlobParquetMonthStore.MonthBlobName(Symbol, March));
        var crashing = new ParquetCandleStore(NewMonths(new FailingPolicy(r => r.Uri.Path.EndsWith(".parquet", StringComparison.Ordinal) && r.Method == RequestMethod.Put), mirror: true));
        await crashing.CommitAsync(Symbol, Minutes(10, 20), Covering(10, 20), CancellationToken.None);

        await Assert.ThrowsAsync<BlobStoreException>(() => crashing.FlushAsync(Symbol, CancellationToken.None));

        Assert.Equal(before, _context.BlobBytes(BlobParquetMonthStore.MonthBlobName(Symbol, March)));
        var next = NewStore(out _);
        Assert.Equal(Covering(0, 10), (await next.LoadAsync(Symbol, CancellationToken.None)).Covered);
        Assert.Equal(Minutes(0, 10), await BlobTestContext.ReadAllAsync(next, Symbol));
    }

    [Fact]
    public async Task LocalOnlyMonth_WithoutABlob_IsReadFromTheMirror_AndMergedIntoTheBlobByTheNextWrite()
    {
        // An earlier local-only run wrote March and its ledger; the container has nothing yet.
        var localOnly = new ParquetCandleStore(new LocalParquetMonthStore(_context.DataDirectory));
        await localOnly.CommitAsync(Symbol, Minutes(0, 10), Covering(0, 10), CancellationToken.None);
        await localOnly.FlushAsync(Symbol, CancellationToken.None);
        var store = NewStore(out var months);

        var loaded = await store.LoadAsync(Symbol, CancellationToken.None);
        await store.CommitAsync(Symbol, Minutes(10, 20), Covering(0, 20), CancellationToken.None);
        await store.FlushAsync(Symbol, CancellationToken.None);

        Assert.True(loaded.Covered.IsEmpty);
        Assert.Equal(10, loaded.CandleCount);
        Assert.Equal(Minutes(0, 20), await BlobTestContext.ReadAllAsync(NewStore(out _), Symbol));
        Assert.Equal(_context.BlobBytes(BlobParquetMonthStore.MonthBlobName(Symbol, March)), File.ReadAllBytes(months.Mirror!.MonthPath(Symbol, March)));
    }

    public void Dispose() => _context.Dispose();

    private ParquetCandleStore NewStore(out BlobParquetMonthStore months)
    {
        months = NewMonths(null, mirror: true);
        return new ParquetCandleStore(months);
    }

    private BlobParquetMonthStore NewMonths(HttpPipelinePolicy? policy, bool mirror) =>
        _context.NewBlobStore(policy).ParquetMonths(mirror ? new LocalParquetMonthStore(_context.DataDirectory) : null);

    private static List<Candle> WithExtras(List<Candle> candles) =>
        candles.Select((c, i) => c with { Extras = new KlineExtras(c.Volume * 3000.5m, 100 + i, c.Volume / 2, c.Volume * 1500.25m) }).ToList();

    /// <summary>Records every response status.</summary>
    private sealed class RecordingPolicy : HttpPipelinePolicy
    {
        public System.Collections.Concurrent.ConcurrentQueue<int> Statuses { get; } = new();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            Statuses.Enqueue(message.Response.Status);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            Statuses.Enqueue(message.Response.Status);
        }
    }

    /// <summary>Stands for a process killed just before a request leaves: matching requests are never sent.</summary>
    private sealed class FailingPolicy(Func<Request, bool> dies) : HttpPipelinePolicy
    {
        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            dies(message.Request) ? throw new global::Azure.RequestFailedException("killed") : ProcessNextAsync(message, pipeline);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (dies(message.Request))
                throw new global::Azure.RequestFailedException("killed");
            ProcessNext(message, pipeline);
        }
    }
}
