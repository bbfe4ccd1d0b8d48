using CandleFunctions.Core.Candles;

namespace CandleFunctions.Activities;

/// <summary>Candles the merge newly stored (rows already stored are kept and not counted) and the ranges it committed.</summary>
public sealed record MergeSummary(long Added, IReadOnlyList<UtcRange> Covered);
