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
/// </summary>
public sealed class ParquetCandleStore(IParquetMonthStore months) : ICandleStore
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Where the month files live.</summary>
    public IParquetMonthStore Months { get; } = months ?? throw new ArgumentNullException(nameof(months));

    /// <inheritdoc />
    public async Task<StoredSymbol> LoadAsync(string symbol, CancellationToken cancellationToken)
    {
        var gate = Gate(symbol);
        await gate.WaitAsync(cancellationToken);
        try
        {
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
            var ledger = await Months.ReadLedgerAsync(symbol, cancellationToken);
            long added = 0;
            foreach (var batch in candles.GroupBy(c => ParquetLayout.MonthOf(c.Timestamp)))
            {
                var stored = await Months.ReadMonthAsync(symbol, batch.Key, cancellationToken);
                var (merged, count) = Merge(stored, batch.ToList());
                if (count == 0)
                    continue;
                await Months.WriteMonthAsync(symbol, batch.Key, merged, cancellationToken);
                added += count;
            }
            var covered = (ledger ?? CoverageSet.Empty).Union(newlyCovered);
            if (ledger is null || !covered.Equals(ledger))
                await Months.WriteLedgerAsync(symbol, covered, CancellationToken.None);
            return new CommitResult(added, Appended: false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Candle> ReadAsync(string symbol, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
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

    private SemaphoreSlim Gate(string symbol) => _gates.GetOrAdd(symbol, _ => new SemaphoreSlim(1, 1));
}
