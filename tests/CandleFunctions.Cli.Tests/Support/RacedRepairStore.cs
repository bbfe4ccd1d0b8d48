using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage;
using CandleFunctions.Storage.Local;

namespace CandleFunctions.Cli.Tests.Support;

/// <summary>
/// A local folder where another process repairs the same notebook file just before we do: our first repair finds
/// that process's repair written and is refused, as the blob store refuses a repair of data changed after it was read.
/// </summary>
public sealed class RacedRepairStore(LocalFolderStore inner) : ICandleStore, IRepairableStore
{
    /// <summary>How many of our repairs were refused.</summary>
    public int Refused { get; private set; }

    public Task<StoredSymbol> LoadAsync(string symbol, CancellationToken cancellationToken) => inner.LoadAsync(symbol, cancellationToken);

    public Task<CommitResult> CommitAsync(string symbol, IReadOnlyList<Candle> candles, CoverageSet newlyCovered, CancellationToken cancellationToken) =>
        inner.CommitAsync(symbol, candles, newlyCovered, cancellationToken);

    public IAsyncEnumerable<Candle> ReadAsync(string symbol, CancellationToken cancellationToken) => inner.ReadAsync(symbol, cancellationToken);

    public Task<RepairTarget> InspectAsync(string symbol, CancellationToken cancellationToken) => inner.InspectAsync(symbol, cancellationToken);

    public IAsyncEnumerable<Candle> ReadWrittenRowsAsync(string symbol, CancellationToken cancellationToken) =>
        inner.ReadWrittenRowsAsync(symbol, cancellationToken);

    public async Task ReplaceAsync(string symbol, IReadOnlyList<Candle> candles, CoverageSet covered, CancellationToken cancellationToken)
    {
        if (Refused == 0)
        {
            // The other process verified the same rows against the same exchange: its repair is the one we would write.
            await inner.ReplaceAsync(symbol, candles, covered, cancellationToken);
            Refused++;
            throw new ChangedDuringRepairException($"{symbol}.csv changed while it was being repaired; nothing was overwritten, run again");
        }
        await inner.ReplaceAsync(symbol, candles, covered, cancellationToken);
    }
}
