using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage;

/// <summary>What the store holds for one symbol: the covered ranges and a summary of the stored candles.</summary>
/// <param name="Symbol">The symbol.</param>
/// <param name="Covered">Ranges known complete (from the ledger, or the stored candles' minutes when adopted).</param>
/// <param name="First">Open time of the first stored candle, if any.</param>
/// <param name="Last">Open time of the last stored candle, if any.</param>
/// <param name="CandleCount">Number of stored candles.</param>
/// <param name="Adopted">True when the data has no ledger yet (e.g. written by the old notebook) and was adopted.</param>
public sealed record StoredSymbol(
    string Symbol,
    CoverageSet Covered,
    DateTimeOffset? First,
    DateTimeOffset? Last,
    long CandleCount,
    bool Adopted)
{
    /// <summary>True when a ledger exists but its data does not, so the ledger was ignored and everything is missing.</summary>
    public bool LedgerWithoutData { get; init; }
}
