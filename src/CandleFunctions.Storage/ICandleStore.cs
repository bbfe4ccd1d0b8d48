using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage;

/// <summary>
/// Stores each symbol's closed 1-minute candles and the ledger of ranges known complete; storage-agnostic
/// (a local folder today, a blob container later).
/// </summary>
public interface ICandleStore
{
    /// <summary>Summarises what is stored for <paramref name="symbol"/>, adopting a CSV that has no ledger.</summary>
    Task<StoredSymbol> LoadAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>
    /// Durably stores <paramref name="candles"/> (ascending, unique, inside <paramref name="newlyCovered"/>),
    /// keeping any row already stored, and only then adds <paramref name="newlyCovered"/> to the ledger.
    /// </summary>
    Task<CommitResult> CommitAsync(
        string symbol,
        IReadOnlyList<Candle> candles,
        CoverageSet newlyCovered,
        CancellationToken cancellationToken);

    /// <summary>Streams every stored candle of <paramref name="symbol"/> in ascending order.</summary>
    IAsyncEnumerable<Candle> ReadAsync(string symbol, CancellationToken cancellationToken);
}
