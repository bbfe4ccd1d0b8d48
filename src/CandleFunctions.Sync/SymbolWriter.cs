using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage;

namespace CandleFunctions.Sync;

/// <summary>
/// Commits a batch of one symbol's candles with the span they prove complete, then records it in the
/// symbol's tally and the progress display. Archive and REST phases both write through it.
/// </summary>
internal sealed class SymbolWriter(ICandleStore store, ISyncProgress progress)
{
    public async Task CommitAsync(string symbol, CoverageSet span, IReadOnlyList<Candle> candles, FetchTally tally, CancellationToken cancellationToken)
    {
        var result = await store.CommitAsync(symbol, candles, span, cancellationToken);
        tally.Record(span, candles, result.Added);
        progress.CandlesCommitted(symbol, result.Added, (long)span.Duration.TotalMinutes);
    }

    /// <summary>True when the store takes archive rows as text (<see cref="CommitRowsAsync"/>).</summary>
    public bool TakesText => store is ICandleTextStore;

    /// <summary>Commits text rows (ascending across <paramref name="batches"/>) through a store that takes them.</summary>
    /// <exception cref="InvalidOperationException">The store does not take text (see <see cref="TakesText"/>).</exception>
    public async Task CommitRowsAsync(string symbol, CoverageSet span, IReadOnlyList<CandleTextRows> batches, FetchTally tally, CancellationToken cancellationToken)
    {
        var text = store as ICandleTextStore ?? throw new InvalidOperationException("The store does not take text rows.");
        var result = await text.CommitRowsAsync(symbol, batches, span, cancellationToken);
        var nonEmpty = batches.Where(b => b.Count > 0).ToList();
        var count = nonEmpty.Sum(b => (long)b.Count);
        tally.Record(span, count, nonEmpty.Count == 0 ? null : nonEmpty[0].Timestamp(0), nonEmpty.Count == 0 ? null : nonEmpty[^1].Timestamp(nonEmpty[^1].Count - 1), result.Added);
        progress.CandlesCommitted(symbol, result.Added, (long)span.Duration.TotalMinutes);
    }

    /// <summary>Records ranges the exchange verifiably has no candles for, so they are never fetched again.</summary>
    public async Task CommitEmptyAsync(string symbol, CoverageSet alreadyCovered, CoverageSet empty, CancellationToken cancellationToken)
    {
        var news = empty.Subtract(alreadyCovered);
        if (!news.IsEmpty)
            await store.CommitAsync(symbol, [], news, cancellationToken);
    }
}
