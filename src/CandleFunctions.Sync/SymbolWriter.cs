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

    /// <summary>Records ranges the exchange verifiably has no candles for, so they are never fetched again.</summary>
    public async Task CommitEmptyAsync(string symbol, CoverageSet alreadyCovered, CoverageSet empty, CancellationToken cancellationToken)
    {
        var news = empty.Subtract(alreadyCovered);
        if (!news.IsEmpty)
            await store.CommitAsync(symbol, [], news, cancellationToken);
    }
}
