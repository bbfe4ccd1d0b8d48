namespace CandleFunctions.Storage;

/// <summary>
/// A store that may hold a symbol's latest commits in memory (their ranges stay out of its ledger until written), so
/// that a file is not rewritten for every batch. The sync flushes each symbol when it is done with it; work lost to a
/// crash before that is simply fetched again, because the ledger never claimed it.
/// </summary>
public interface IBufferedCandleStore
{
    /// <summary>Writes what is held for <paramref name="symbol"/>, then records its ranges in the ledger.</summary>
    Task FlushAsync(string symbol, CancellationToken cancellationToken);
}
