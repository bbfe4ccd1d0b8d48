using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Local;

namespace CandleFunctions.Storage.Parquet;

/// <summary>
/// Keeps candles, with every kline field, as one Parquet file per symbol and UTC month, and its own coverage ledger.
/// A commit rewrites only the months its candles fall in (appending newer candles rewrites just the current month;
/// hole fills and prepends only the months they touch), each atomically, and only then grows the ledger. Month files
/// without a ledger are not adopted: their rows are kept, and the ranges are fetched again and merged.
/// The month a symbol's last commit ended in is held in memory until the month is complete, a commit moves to another
/// month, or <see cref="FlushAsync"/>: a sync commits every few thousand candles, and rewriting the month file each
/// time would cost more than the sync itself. Its ranges reach the ledger only once it is written.
/// A month that is complete is written in the background (one write per symbol at a time), so encoding and compressing
/// it overlaps the download and parsing of the next one; the next call for the symbol waits for that write first and
/// reports its failure. Its ranges reach the ledger only after its file is in place, as with any other write.
/// </summary>
public sealed class ParquetCandleStore(IParquetMonthStore months) : ICandleStore, IBufferedCandleStore
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _writing = new(StringComparer.Ordinal);

    /// <summary>Where the month files live.</summary>
    public IParquetMonthStore Months { get; } = months ?? throw new ArgumentNullException(nameof(months));

    /// <inheritdoc />
    public async Task<StoredSymbol> LoadAsync(string symbol, CancellationToken cancellationToken)
    {
        var gate = Gate(symbol);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await FlushHeldAsync(symbol, cancellationToken);
            var ledger = await Months.ReadLedgerAsync(symbol, cancellationToken);
            var list = await Months.ListMonthsAsync(symbol, cancellationToken);
            long count = 0;
            DateTimeOffset? first = null;
            DateTimeOffset? last = null;
            foreach (var month in list)
            {
                var summary = await Months.SummarizeMonthAsync(symbol, month, cancellationToken);
                count += summary.Rows;
                first ??= summary.First;
                last = summary.Last ?? last;
            }
            return new StoredSymbol(symbol, ledger ?? CoverageSet.Empty, first, last, count, Adopted: false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<CommitResult> CommitAsync(string symbol, IReadOnlyList<Candle> candles, CoverageSet newlyCovered, CancellationToken cancellationToken)
    {
        CommitValidation.Validate(symbol, candles, newlyCovered);
        if (candles.Count == 0 && newlyCovered.IsEmpty)
            return new CommitResult(0, Appended: false);
        var gate = Gate(symbol);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await WrittenAsync(symbol);
            var batches = candles.GroupBy(c => ParquetLayout.MonthOf(c.Timestamp)).Select(g => (Month: g.Key, Candles: g.ToList())).ToList();
            _pending.TryGetValue(symbol, out var held);
            if (held is not null && (batches.Count > 1 || (batches.Count == 1 && batches[0].Month != held.Month)))
            {
                await FlushHeldAsync(symbol, cancellationToken);
                held = null;
            }
            long added = 0;
            for (var i = 0; i < batches.Count - 1; i++)
            {
                var (month, batch) = batches[i];
                var (merged, count) = Merge(await Months.ReadMonthAsync(symbol, month, cancellationToken), batch);
                if (count > 0)
                    await Months.WriteMonthAsync(symbol, month, merged, cancellationToken);
                added += count;
            }
            if (batches.Count > 0)
            {
                var (month, batch) = batches[^1];
                var rows = held?.Rows ?? await Months.ReadMonthAsync(symbol, month, cancellationToken);
                var (merged, count) = Merge(rows, batch);
                held = new Pending(month, merged, held?.Covered ?? CoverageSet.Empty, held?.Dirty == true || count > 0);
                added += count;
            }
            if (held is null)
            {
                await AddToLedgerAsync(symbol, newlyCovered, cancellationToken);
                return new CommitResult(added, Appended: false);
            }
            _pending[symbol] = held with { Covered = held.Covered.Union(newlyCovered) };
            // A month the ledger will cover in full gets no more candles: write it now.
            var ledger = await Months.ReadLedgerAsync(symbol, cancellationToken) ?? CoverageSet.Empty;
            if (ledger.Union(held.Covered).Union(newlyCovered).Covers(ParquetLayout.RangeOf(held.Month)))
                StartFlushHeld(symbol, cancellationToken);
            return new CommitResult(added, Appended: false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task FlushAsync(string symbol, CancellationToken cancellationToken)
    {
        var gate = Gate(symbol);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await FlushHeldAsync(symbol, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Candle> ReadAsync(string symbol, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await FlushAsync(symbol, cancellationToken);
        foreach (var month in await Months.ListMonthsAsync(symbol, cancellationToken))
        {
            foreach (var candle in await Months.ReadMonthAsync(symbol, month, cancellationToken))
                yield return candle;
        }
    }

    /// <summary>The stored rows with the new candles in order; a stored row wins where both have a minute.</summary>
    private static (List<Candle> Merged, long Added) Merge(IReadOnlyList<Candle> stored, List<Candle> candles)
    {
        var merged = new List<Candle>(stored.Count + candles.Count);
        long added = 0;
        var next = 0;
        foreach (var row in stored)
        {
            for (; next < candles.Count && candles[next].Timestamp < row.Timestamp; next++, added++)
                merged.Add(candles[next]);
            if (next < candles.Count && candles[next].Timestamp == row.Timestamp)
                next++;
            merged.Add(row);
        }
        for (; next < candles.Count; next++, added++)
            merged.Add(candles[next]);
        return (merged, added);
    }

    /// <summary>
    /// Waits for the background write of <paramref name="symbol"/>'s last complete month, if any, and throws its failure
    /// (its ranges never reached the ledger, so they are fetched again). Call under the gate.
    /// </summary>
    private async Task WrittenAsync(string symbol)
    {
        if (_writing.TryRemove(symbol, out var writing))
            await writing;
    }

    /// <summary>Writes the held month (if it gained rows), then adds its ranges to the ledger. Call under the gate.</summary>
    private async Task FlushHeldAsync(string symbol, CancellationToken cancellationToken)
    {
        await WrittenAsync(symbol);
        if (!_pending.TryGetValue(symbol, out var held))
            return;
        // Held until written: a failed flush can be tried again.
        await WriteHeldAsync(symbol, held, cancellationToken);
        _pending.TryRemove(symbol, out _);
    }

    /// <summary>Hands the held month to a background write (the previous one has been awaited). Call under the gate.</summary>
    private void StartFlushHeld(string symbol, CancellationToken cancellationToken)
    {
        if (_pending.TryRemove(symbol, out var held))
            _writing[symbol] = Task.Run(() => WriteHeldAsync(symbol, held, cancellationToken), CancellationToken.None);
    }

    private async Task WriteHeldAsync(string symbol, Pending held, CancellationToken cancellationToken)
    {
        if (held.Dirty)
            await Months.WriteMonthAsync(symbol, held.Month, held.Rows, cancellationToken);
        await AddToLedgerAsync(symbol, held.Covered, CancellationToken.None);
    }

    private async Task AddToLedgerAsync(string symbol, CoverageSet newlyCovered, CancellationToken cancellationToken)
    {
        var ledger = await Months.ReadLedgerAsync(symbol, cancellationToken);
        var covered = (ledger ?? CoverageSet.Empty).Union(newlyCovered);
        if (ledger is null || !covered.Equals(ledger))
            await Months.WriteLedgerAsync(symbol, covered, CancellationToken.None);
    }

    /// <summary>A month held in memory: its rows (stored and new), the ranges committed since, and whether it gained rows.</summary>
    private sealed record Pending(DateOnly Month, IReadOnlyList<Candle> Rows, CoverageSet Covered, bool Dirty);

    private SemaphoreSlim Gate(string symbol) => _gates.GetOrAdd(symbol, _ => new SemaphoreSlim(1, 1));
}
