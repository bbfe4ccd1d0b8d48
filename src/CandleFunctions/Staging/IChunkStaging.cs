using CandleFunctions.Core.Candles;

namespace CandleFunctions.Staging;

/// <summary>
/// Where chunk activities park fetched candles until the merge activity commits them, so orchestration history
/// carries names, never candle arrays. Names are deterministic, which makes retried activities idempotent.
/// </summary>
public interface IChunkStaging
{
    /// <summary>Whether <paramref name="name"/> was already written (a retried activity skips that page).</summary>
    Task<bool> ExistsAsync(string name, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="candles"/> (possibly none) under <paramref name="name"/>, replacing any earlier copy; a name that exists is complete.</summary>
    Task WriteAsync(string name, IReadOnlyList<Candle> candles, CancellationToken cancellationToken);

    /// <summary>Reads what <see cref="WriteAsync"/> wrote, or null when it is gone (already merged).</summary>
    Task<IReadOnlyList<Candle>?> ReadAsync(string name, string symbol, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="name"/>; missing names are ignored.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes what other runs left for <paramref name="symbol"/> (their merge failed or never came): names under the
    /// symbol's prefix but not under <paramref name="keepPrefix"/>, last written before <paramref name="writtenBefore"/>.
    /// </summary>
    /// <returns>How many were deleted.</returns>
    Task<int> DeleteLeftoversAsync(string symbol, string keepPrefix, DateTimeOffset writtenBefore, CancellationToken cancellationToken);
}
