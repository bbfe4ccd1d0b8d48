using CandleFunctions.Storage.Azure.Blob;
using CandleFunctions.Storage.Azure.Tests.Support;
using static CandleFunctions.Storage.Azure.Tests.Support.TestCandles;

namespace CandleFunctions.Storage.Azure.Tests.Blob;

/// <summary>A symbol in another script (币安人生USDT) names its blobs and mirrored files exactly as it names its local files.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class UnicodeSymbolBlobTests(AzuriteServer azurite) : IDisposable
{
    private const string Unicode = "币安人生USDT";
    private readonly BlobTestContext _context = new(azurite);

    [Fact]
    public async Task Commit_UnicodeSymbol_WritesBlobsNamedByTheSymbolAndAnIdenticalMirror()
    {
        var candles = Minutes(0, 30).Select(c => c with { Symbol = Unicode }).ToList();
        var mirror = _context.NewMirror();

        await mirror.CommitAsync(Unicode, candles, Covering(0, 30), CancellationToken.None);
        var names = _context.Container.GetBlobs().Select(b => b.Name).Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        var loaded = await _context.NewBlobStore().LoadAsync(Unicode, CancellationToken.None);

        Assert.Equal([Unicode + ".csv", Unicode + ".ledger.json"], names);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_context.DataDirectory, Unicode + ".csv")), _context.BlobBytes(BlobCandleStore.DataBlobName(Unicode)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_context.DataDirectory, Unicode + ".ledger.json")), _context.BlobBytes(BlobCandleStore.LedgerBlobName(Unicode)));
        Assert.Equal((Time(0), Time(29), 30L), (loaded.First, loaded.Last, loaded.CandleCount));
    }

    public void Dispose() => _context.Dispose();
}
