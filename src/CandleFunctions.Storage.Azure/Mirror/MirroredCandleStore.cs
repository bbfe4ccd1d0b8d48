using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Azure.Blob;
using CandleFunctions.Storage.Local;
using CandleFunctions.Storage.Symbols;

namespace CandleFunctions.Storage.Azure.Mirror;

/// <summary>
/// Writes every commit to the blob container first and keeps the local data folder byte-identical to it; heals a
/// missing or stale local file from the blob and merges local-only candles (from an earlier local-only run) into the
/// blob. Safe for concurrent use within a process; hold the data-folder lock across processes.
/// </summary>
public sealed class MirroredCandleStore : ICandleStore, IRepairableStore
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MirrorRecord> _records = new(StringComparer.Ordinal);
    private readonly MirrorSync _sync;

    // Which copy a verification reads and repairs: the local file when only it lacks a ledger (a notebook's folder
    // mirrored into a container for the first time), else the blob, the store of record.
    private readonly ConcurrentDictionary<string, bool> _repairLocal = new(StringComparer.Ordinal);

    public MirroredCandleStore(BlobCandleStore blob, LocalFolderStore local)
    {
        Blob = blob ?? throw new ArgumentNullException(nameof(blob));
        Local = local ?? throw new ArgumentNullException(nameof(local));
        _sync = new MirrorSync(blob, local);
    }

    /// <summary>The container, the source of truth.</summary>
    public BlobCandleStore Blob { get; }

    /// <summary>The local folder that mirrors it.</summary>
    public LocalFolderStore Local { get; }

    /// <summary>Reconciles the symbol's local files with its blobs (a no-op when both are as last synced).</summary>
    public async Task HealAsync(string symbol, CancellationToken cancellationToken)
    {
        SymbolName.Validate(symbol);
        await WithGateAsync(symbol, async () => _records[symbol] = await _sync.HealAsync(symbol, Known(symbol), cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredSymbol> LoadAsync(string symbol, CancellationToken cancellationToken)
    {
        await HealAsync(symbol, cancellationToken);
        return await Local.LoadAsync(symbol, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CommitResult> CommitAsync(
        string symbol,
        IReadOnlyList<Candle> candles,
        CoverageSet newlyCovered,
        CancellationToken cancellationToken)
    {
        CommitValidation.Validate(SymbolName.Validate(symbol), candles, newlyCovered);
        if (candles.Count == 0 && newlyCovered.IsEmpty)
            return new CommitResult(0, Appended: false);
        return await WithGateAsync(symbol, async () =>
        {
            var record = _sync.Unchanged(symbol, Known(symbol)) ?? await _sync.HealAsync(symbol, Known(symbol), cancellationToken);
            var outcome = await Blob.CommitCoreAsync(symbol, candles, newlyCovered, cancellationToken);
            var data = outcome.Data;

            // From identical bytes, the local store makes the same change the blob did (same writer code); otherwise copy.
            var sameStart = data.Before?.ToString() == record.DataETag && (data.Before is null || data.BeforeWasOurs);
            if (sameStart)
                await Local.CommitAsync(symbol, candles, newlyCovered, CancellationToken.None);
            if (!sameStart || FileStamp.Of(Local.CsvPath(symbol)).Length != data.Length)
                await _sync.DownloadDataAsync(symbol, CancellationToken.None);
            await _sync.WriteLedgerAsync(symbol, outcome.Ledger.Text, CancellationToken.None);
            _records[symbol] = await _sync.SaveAsync(symbol, data.After, outcome.Ledger.ETag, CancellationToken.None);
            return outcome.Result;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Candle> ReadAsync(string symbol, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await HealAsync(symbol, cancellationToken);
        await foreach (var candle in Local.ReadAsync(symbol, cancellationToken))
            yield return candle;
    }

    /// <inheritdoc />
    public async Task<RepairTarget> InspectAsync(string symbol, CancellationToken cancellationToken)
    {
        SymbolName.Validate(symbol);
        var blob = await Blob.InspectAsync(symbol, cancellationToken);
        if (!blob.NeedsAdoption)
        {
            // Before any heal: healing pushes local rows into the blob, and these have not been verified yet.
            var local = await Local.InspectAsync(symbol, cancellationToken);
            if (local.NeedsAdoption)
            {
                _repairLocal[symbol] = true;
                return local;
            }
        }
        _repairLocal[symbol] = false;
        return blob;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Candle> ReadWrittenRowsAsync(string symbol, CancellationToken cancellationToken) =>
        RepairsLocal(symbol) ? Local.ReadWrittenRowsAsync(symbol, cancellationToken) : Blob.ReadWrittenRowsAsync(symbol, cancellationToken);

    /// <inheritdoc />
    public async Task ReplaceAsync(string symbol, IReadOnlyList<Candle> candles, CoverageSet covered, CancellationToken cancellationToken)
    {
        if (RepairsLocal(symbol))
        {
            // The repaired local file now has a ledger: healing merges its rows into the blob, as any local-only rows.
            await Local.ReplaceAsync(symbol, candles, covered, cancellationToken);
            await HealAsync(symbol, cancellationToken);
            return;
        }
        await WithGateAsync(symbol, async () =>
        {
            await Blob.ReplaceAsync(symbol, candles, covered, cancellationToken);
            return _records[symbol] = await _sync.RestoreAsync(symbol, null, cancellationToken);
        }, cancellationToken);
    }

    private bool RepairsLocal(string symbol) => _repairLocal.TryGetValue(symbol, out var local) && local;

    private MirrorRecord? Known(string symbol) => _records.TryGetValue(symbol, out var record) ? record : null;

    private async Task<T> WithGateAsync<T>(string symbol, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(symbol, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            gate.Release();
        }
    }
}
