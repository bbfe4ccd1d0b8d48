using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage;

namespace CandleFunctions.Stores;

/// <summary>Commits to the store of record first, then to the mirror, so the mirror never knows more than the record.</summary>
public static class CandleStoresExtensions
{
    /// <summary>Stores candles and their coverage in both stores; returns the store of record's result.</summary>
    public static async Task<CommitResult> CommitAsync(
        this CandleStores stores, string symbol, IReadOnlyList<Candle> candles, CoverageSet covered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stores);
        var result = await stores.Primary.CommitAsync(symbol, candles, covered, cancellationToken);
        if (stores.Mirror is { } mirror)
            await mirror.CommitAsync(symbol, candles, covered, cancellationToken);
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
                await store.CommitAsync(symbol, [], news, cancellationToken);
        }
    }
}
