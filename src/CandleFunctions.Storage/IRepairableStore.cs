using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage;

/// <summary>
/// A store whose files can be verified against the exchange and repaired: read the rows exactly as written, and
/// replace a symbol's data and ledger in one atomic rewrite.
/// </summary>
public interface IRepairableStore
{
    /// <summary>Whether the symbol has candle data, and its ledger (null when it has none, e.g. a notebook's file).</summary>
    Task<RepairTarget> InspectAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>The rows in file order with their timestamps as written; repeats and disorder are allowed.</summary>
    IAsyncEnumerable<Candle> ReadWrittenRowsAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the symbol's data with <paramref name="candles"/> (ascending, unique) through the atomic rewrite path,
    /// then sets its ledger to <paramref name="covered"/>. An existing ledger is first narrowed to what both the old and
    /// the new data vouch for, so a crash at any point leaves a ledger that claims nothing the data lacks.
    /// </summary>
    /// <exception cref="ChangedDuringRepairException">Another writer changed the data after its rows were read; nothing was replaced.</exception>
    Task ReplaceAsync(string symbol, IReadOnlyList<Candle> candles, CoverageSet covered, CancellationToken cancellationToken);
}
