using System.Runtime.CompilerServices;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage;

/// <summary>
/// <c>--format both</c>: every commit goes to the CSV store and then to the Parquet store, each with its own ledger. A
/// range counts as covered only where both ledgers cover it, so a crash between the two, or a folder that had only
/// one format before, is completed by the next run (the store that has the rows keeps them).
/// </summary>
public sealed class CsvAndParquetStore(ICandleStore csv, ICandleStore parquet) : ICandleStore, IBufferedCandleStore
{
    /// <inheritdoc />
    public Task FlushAsync(string symbol, CancellationToken cancellationToken) =>
        parquet is IBufferedCandleStore buffered ? buffered.FlushAsync(symbol, cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    public async Task<StoredSymbol> LoadAsync(string symbol, CancellationToken cancellationToken)
    {
        var fromCsv = await csv.LoadAsync(symbol, cancellationToken);
        var fromParquet = await parquet.LoadAsync(symbol, cancellationToken);
        return fromCsv with { Covered = fromCsv.Covered.Intersect(fromParquet.Covered) };
    }

    /// <inheritdoc />
    public async Task<CommitResult> CommitAsync(string symbol, IReadOnlyList<Candle> candles, CoverageSet newlyCovered, CancellationToken cancellationToken)
    {
        var toCsv = await csv.CommitAsync(symbol, candles, newlyCovered, cancellationToken);
        var toParquet = await parquet.CommitAsync(symbol, candles, newlyCovered, cancellationToken);
        return new CommitResult(Math.Max(toCsv.Added, toParquet.Added), toCsv.Appended);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Candle> ReadAsync(string symbol, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var candle in csv.ReadAsync(symbol, cancellationToken))
            yield return candle;
    }
}
