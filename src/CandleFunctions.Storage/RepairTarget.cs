using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage;

/// <summary>What a store holds for a symbol before verification.</summary>
/// <param name="HasData">True when a candle file (or blob) exists.</param>
/// <param name="Ledger">The coverage ledger, or null when there is none (the file must be verified before adoption).</param>
public sealed record RepairTarget(bool HasData, CoverageSet? Ledger)
{
    /// <summary>True for data nothing vouches for yet: it must be verified before any row is trusted.</summary>
    public bool NeedsAdoption => HasData && Ledger is null;
}
