using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage;

/// <summary>
/// A store that can take candles as text rows (<see cref="CandleTextRows"/>), writing the values as they came, with
/// the same guarantees as <see cref="ICandleStore.CommitAsync"/>; the archive's fast path.
/// </summary>
public interface ICandleTextStore
{
    /// <summary>
    /// Durably stores <paramref name="batches"/>' rows (ascending and unique across batches, inside
    /// <paramref name="newlyCovered"/>), keeping any row already stored, and only then adds
    /// <paramref name="newlyCovered"/> to the ledger.
    /// </summary>
    Task<CommitResult> CommitRowsAsync(
        string symbol,
        IReadOnlyList<CandleTextRows> batches,
        CoverageSet newlyCovered,
        CancellationToken cancellationToken);
}
