using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Activities;

/// <summary>
/// A fetched page (or archive file) parked in staging: its name, the minutes it covers, how many candles it holds,
/// and the parts of the range it may not claim as covered (whole days an archive file has no rows for).
/// </summary>
public sealed record StagedPage(string Name, UtcRange Range, int Candles, IReadOnlyList<UtcRange>? Unconfirmed = null)
{
    /// <summary>What committing this page proves complete.</summary>
    public CoverageSet Covers() =>
        Unconfirmed is { Count: > 0 } unconfirmed ? CoverageSet.Of(Range).Subtract(CoverageSet.Of(unconfirmed)) : CoverageSet.Of(Range);
}
