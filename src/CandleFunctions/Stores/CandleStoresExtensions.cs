using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage;

namespace CandleFunctions.Stores;

/// <summary>
/// Commits to the store of record first, then to the mirror, so the mirror never knows more than the record; each
/// commit is written through before it returns.
/// </summary>
public static class CandleStoresExtensions
{
    /// <summary>Stores candles and their coverage in both stores; returns the store of record's result.</summary>
    public static async Task<CommitResult> CommitAsync(
        this CandleStores stores, string symbol, IReadOnlyList<Candle> candles, CoverageSet covered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stores);
        var result = await stores.Primary.CommitAsync(symbol, candles, covered, cancellationToken);
        await FlushAsync(stores.Primary, symbol, cancellationToken);
        if (stores.Mirror is { } mirror)
        {
            await mirror.CommitAsync(symbol, candles, covered, cancellationToken);
            await FlushAsync(mirror, symbol, cancellationToken);
        }
        return result;
    }

    /// <summary>Records ranges verifiably without candles, skipping what each store already covers.</summary>
    public static async Task CommitEmptyAsync(this CandleStores stores, string symbol, CoverageSet empty, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stores);
        foreach (var store in stores.Mirror is { } mirror ? new[] { stores.Primary, mirror } : [stores.Primary])
        {
            var stored = await store.LoadAsync(symbol, cancellationToken);
            var news = empty.Subtract(stored.Covered);
            if (!news.IsEmpty)
            {
                await store.CommitAsync(symbol, [], news, cancellationToken);
                await FlushAsync(store, symbol, cancellationToken);
            }
        }
    }

    // An activity's work must be durable when it returns (the next may run in another process): a store that holds
    // the current month in memory (Parquet) writes it now.
    private static Task FlushAsync(ICandleStore store, string symbol, CancellationToken cancellationToken) =>
        store is IBufferedCandleStore buffered ? buffered.FlushAsync(symbol, cancellationToken) : Task.CompletedTask;
}
