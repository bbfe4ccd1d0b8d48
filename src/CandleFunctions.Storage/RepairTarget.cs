using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage;

/// <summary>What a store holds for a symbol before verification.</summary>
/// <param name="HasData">True when a candle file (or blob) exists.</param>
/// <param name="Ledger">The coverage ledger, or null when there is none (the file must be verified before adoption).</param>
/// <param name="WrittenByUs">
/// True when the data itself records that our commits wrote it (a candle blob's metadata): without a ledger it is a
/// writer between its data and its ledger (another process, or one that stopped there), not a notebook's file.
/// </param>
public sealed record RepairTarget(bool HasData, CoverageSet? Ledger, bool WrittenByUs = false)
{
    /// <summary>True for data nothing vouches for yet: it must be verified before any row is trusted.</summary>
    public bool NeedsAdoption => HasData && Ledger is null && !WrittenByUs;
}
