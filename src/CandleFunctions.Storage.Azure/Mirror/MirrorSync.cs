using Azure;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Azure.Blob;
using CandleFunctions.Storage.Local;

namespace CandleFunctions.Storage.Azure.Mirror;

/// <summary>
/// Makes a symbol's local files identical to its blobs: candles only the local file has are merged into the blob
/// first (never dropped), then the local files are replaced by the blobs' bytes.
/// </summary>
internal sealed class MirrorSync(BlobCandleStore blob, LocalFolderStore local)
{
    private const int PushChunk = 50_000;

    /// <summary>The record of a symbol whose local files match <paramref name="record"/>'s stamps, or null.</summary>
    public MirrorRecord? Unchanged(string symbol, MirrorRecord? record) =>
        record is not null
        && record.Container == blob.ContainerUri.ToString()
        && record.Csv == FileStamp.Of(local.CsvPath(symbol))
        && record.Ledger == FileStamp.Of(local.LedgerPath(symbol))
            ? record
            : null;

    /// <summary>Reconciles the symbol and returns the new record (also saved).</summary>
    public async Task<MirrorRecord> HealAsync(string symbol, MirrorRecord? known, CancellationToken cancellationToken)
    {
        var record = Unchanged(symbol, known ?? await MirrorRecordFile.LoadAsync(local.DataDirectory, symbol, cancellationToken));
        var (data, ledger) = await blob.ReadVersionsAsync(symbol, cancellationToken);
        if (record is not null && record.DataETag == data?.ToString() && record.LedgerETag == ledger?.ToString())
            return record;
        var localHasData = File.Exists(local.CsvPath(symbol)) || File.Exists(local.LedgerPath(symbol));
        if (localHasData && (record is null || data is null))
            await PushLocalAsync(symbol, cancellationToken);
        else if (record is not null && data is { } unchanged && record.DataETag == unchanged.ToString())
            return await RestoreAsync(symbol, unchanged, cancellationToken);
        return await RestoreAsync(symbol, null, cancellationToken);
    }

    /// <summary>
    /// Copies the blobs over the local files: the ledger is read first, so the local ledger never claims rows the local
    /// data lacks; <paramref name="localData"/> is the blob version the local data already matches (then it is not downloaded).
    /// </summary>
    public async Task<MirrorRecord> RestoreAsync(string symbol, ETag? localData, CancellationToken cancellationToken)
    {
        var ledger = await blob.ReadLedgerAsync(symbol, cancellationToken);
        Directory.CreateDirectory(local.DataDirectory);
        var data = localData ?? await DownloadDataAsync(symbol, cancellationToken);
        await WriteLedgerAsync(symbol, ledger?.Text, cancellationToken);
        return await SaveAsync(symbol, data, ledger?.ETag, cancellationToken);
    }

    /// <summary>Replaces the local ledger with <paramref name="text"/> (the blob's), or removes it when the blob has none.</summary>
    public async Task WriteLedgerAsync(string symbol, string? text, CancellationToken cancellationToken)
    {
        var path = local.LedgerPath(symbol);
        if (text is null)
        {
            File.Delete(path);
            return;
        }
        if (!File.Exists(path) || await File.ReadAllTextAsync(path, cancellationToken) != text)
            await AtomicFile.WriteAllTextAsync(path, text, CancellationToken.None);
    }

    /// <summary>Records that the local files now match these blob versions.</summary>
    public async Task<MirrorRecord> SaveAsync(string symbol, ETag? data, ETag? ledger, CancellationToken cancellationToken)
    {
        var record = new MirrorRecord(
            blob.ContainerUri.ToString(),
            data?.ToString(),
            ledger?.ToString(),
            FileStamp.Of(local.CsvPath(symbol)),
            FileStamp.Of(local.LedgerPath(symbol)));
        await MirrorRecordFile.SaveAsync(local.DataDirectory, symbol, record, cancellationToken);
        return record;
    }

    /// <summary>Downloads the candle blob over the local file atomically; a missing blob leaves the local file alone.</summary>
    public async Task<ETag?> DownloadDataAsync(string symbol, CancellationToken cancellationToken)
    {
        var path = local.CsvPath(symbol);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            ETag? etag;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                etag = await blob.DownloadDataAsync(symbol, file, cancellationToken);
                file.Flush(flushToDisk: true);
            }
            if (etag is null)
                return null;
            File.Move(temp, path, overwrite: true);
            return etag;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task PushLocalAsync(string symbol, CancellationToken cancellationToken)
    {
        var stored = await local.LoadAsync(symbol, cancellationToken);
        if (stored.CandleCount > 0)
        {
            var missing = LocalOnlyCandles.FindAsync(
                local.ReadAsync(symbol, cancellationToken),
                blob.ReadAsync(symbol, cancellationToken),
                cancellationToken);
            var chunk = new List<Candle>(PushChunk);
            await foreach (var candle in missing)
            {
                chunk.Add(candle);
                if (chunk.Count == PushChunk)
                    await PushAsync(symbol, chunk, cancellationToken);
            }
            await PushAsync(symbol, chunk, cancellationToken);
        }
        if (!stored.Covered.IsEmpty)
            await blob.CommitCoreAsync(symbol, [], stored.Covered, cancellationToken);
    }

    private async Task PushAsync(string symbol, List<Candle> chunk, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
            return;
        var minutes = new MinuteRangeBuilder();
        foreach (var candle in chunk)
            minutes.Add(candle.Timestamp);
        await blob.CommitCoreAsync(symbol, chunk.ToList(), minutes.Build(), cancellationToken);
        chunk.Clear();
    }
}
