using CandleFunctions.Core.Adoption;

namespace CandleFunctions.Sync.Adoption;

/// <summary>One file's verification against the exchange.</summary>
/// <param name="Symbol">The symbol.</param>
/// <param name="Plan">The verdict and the repair.</param>
/// <param name="HadLedger">False for a file nothing vouched for yet (a notebook's).</param>
/// <param name="Applied">True when the repaired file and its ledger were written.</param>
/// <param name="Rows">Rows the file held.</param>
public sealed record AdoptionOutcome(string Symbol, AdoptionPlan Plan, bool HadLedger, bool Applied, long Rows)
{
    /// <summary>True when the file is left untouched because it does not match the exchange.</summary>
    public bool Unrecognisable => Plan.Verdict == AdoptionVerdict.Unrecognisable;

    /// <summary>True when verification found something to repair (for a ledgered file: anything at all).</summary>
    public bool NeedsRepair => Plan.Verdict != AdoptionVerdict.Matches || Plan.Repairs.ChangedRows;
}
