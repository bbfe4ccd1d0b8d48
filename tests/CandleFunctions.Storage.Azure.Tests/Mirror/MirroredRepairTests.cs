using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using CandleFunctions.Core.Candles;
using CandleFunctions.Storage.Azure.Blob;
using CandleFunctions.Storage.Azure.Tests.Support;
using static CandleFunctions.Storage.Azure.Tests.Support.TestCandles;

namespace CandleFunctions.Storage.Azure.Tests.Mirror;

/// <summary>Verifying and repairing a notebook's file through the blob and mirror stores (the adoption path of both hosts).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MirroredRepairTests(AzuriteServer azurite) : IDisposable
{
    private readonly BlobTestContext _context = new(azurite);

    [Fact]
    public async Task A_notebook_file_in_the_mirror_folder_is_read_as_written_and_its_repair_reaches_the_blob()
    {
        File.WriteAllText(_context.CsvPath, NotebookText([.. Minutes(0, 5), At(4), .. Minutes(5, 10)]));
        var mirror = _context.NewMirror();

        var target = await mirror.InspectAsync(Symbol, CancellationToken.None);
        var rows = await mirror.ReadWrittenRowsAsync(Symbol, CancellationToken.None).ToListAsync();

        Assert.True(target.NeedsAdoption);
        Assert.Equal(11, rows.Count); // the repeated minute is read, not refused
        Assert.Empty(_context.Container.GetBlobs()); // nothing unverified was pushed

        await mirror.ReplaceAsync(Symbol, Minutes(0, 10), Covering(0, 10), CancellationToken.None);

        Assert.Equal(Minutes(0, 10), await BlobTestContext.ReadAllAsync(_context.Blob, Symbol));
        Assert.Equal(_context.CsvBlobBytes, File.ReadAllBytes(_context.CsvPath));
        Assert.Equal(_context.LedgerBlobBytes, File.ReadAllBytes(_context.LedgerPath));
        Assert.Equal(Covering(0, 10), (await _context.Blob.LoadAsync(Symbol, CancellationToken.None)).Covered);
    }

    [Fact]
    public async Task A_notebook_blob_without_a_ledger_is_replaced_and_the_local_folder_follows()
    {
        Upload(NotebookText([.. Minutes(0, 5), At(4), .. Minutes(5, 10)]));
        var mirror = _context.NewMirror();

        Assert.True((await mirror.InspectAsync(Symbol, CancellationToken.None)).NeedsAdoption);
        Assert.Equal(11, (await mirror.ReadWrittenRowsAsync(Symbol, CancellationToken.None).ToListAsync()).Count);
        await mirror.ReplaceAsync(Symbol, Minutes(0, 10), Covering(0, 10), CancellationToken.None);

        Assert.Equal(Minutes(0, 10), await BlobTestContext.ReadAllAsync(_context.Blob, Symbol));
        Assert.Equal(_context.CsvBlobBytes, File.ReadAllBytes(_context.CsvPath));
        Assert.Equal(_context.LedgerBlobBytes, File.ReadAllBytes(_context.LedgerPath));
    }

    [Fact]
    public async Task A_blob_changed_after_its_rows_were_read_is_not_overwritten_by_the_repair()
    {
        Upload(NotebookText(Minutes(0, 10)));
        var blob = _context.NewBlobStore();
        await blob.ReadWrittenRowsAsync(Symbol, CancellationToken.None).ToListAsync();
        Upload(NotebookText(Minutes(0, 20)));

        await Assert.ThrowsAsync<ChangedDuringRepairException>(() => blob.ReplaceAsync(Symbol, Minutes(0, 10), Covering(0, 10), CancellationToken.None));

        Assert.Equal(20, (await _context.Blob.ReadWrittenRowsAsync(Symbol, CancellationToken.None).ToListAsync()).Count);
        Assert.Null((await _context.Blob.InspectAsync(Symbol, CancellationToken.None)).Ledger);
    }

    private void Upload(string text) =>
        _context.Container.GetBlobClient(BlobCandleStore.DataBlobName(Symbol)).Upload(BinaryData.FromString(text), overwrite: true);

    /// <summary>The notebook's pandas output: an index column and float64 text.</summary>
    private static string NotebookText(IEnumerable<Candle> rows)
    {
        var text = new StringBuilder(",timestamp,open,high,low,close,volume\n");
        var i = 0;
        foreach (var c in rows)
            text.Append(CultureInfo.InvariantCulture, $"{i++},{c.Timestamp:yyyy-MM-dd HH:mm:ss},{(double)c.Open:R},{(double)c.High:R},{(double)c.Low:R},{(double)c.Close:R},{(double)c.Volume:R}\n");
        return text.ToString();
    }

    public void Dispose() => _context.Dispose();
}
