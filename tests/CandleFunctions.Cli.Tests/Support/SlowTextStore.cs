using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage;

namespace CandleFunctions.Cli.Tests.Support;

/// <summary>A store whose every commit takes <paramref name="delay"/> longer (a starved writer).</summary>
public sealed class SlowTextStore<TStore>(TStore inner, TimeSpan delay) : ICandleStore, ICandleTextStore
    where TStore : ICandleStore, ICandleTextStore
{
    public Task<StoredSymbol> LoadAsync(string symbol, CancellationToken cancellationToken) => inner.LoadAsync(symbol, cancellationToken);

    public async Task<CommitResult> CommitAsync(string symbol, IReadOnlyList<Candle> candles, CoverageSet newlyCovered, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.CommitAsync(symbol, candles, newlyCovered, cancellationToken);
    }

    /// <summary>The ranges each text-row commit covered, in the order they were committed.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(string Symbol, CoverageSet Covered)> TextCommits { get; } = new();

    public async Task<CommitResult> CommitRowsAsync(string symbol, IReadOnlyList<CandleTextRows> batches, CoverageSet newlyCovered, CancellationToken cancellationToken)
    {
        TextCommits.Enqueue((symbol, newlyCovered));
        await Task.Delay(delay, cancellationToken);
        return await inner.CommitRowsAsync(symbol, batches, newlyCovered, cancellationToken);
    }

    public IAsyncEnumerable<Candle> ReadAsync(string symbol, CancellationToken cancellationToken) => inner.ReadAsync(symbol, cancellationToken);
}
