using CandleFunctions.Core.Candles;

namespace CandleFunctions.Activities;

/// <summary>
/// Candles the merge newly stored (rows already stored are kept and not counted), the ranges it committed, and the
/// first and last candle it committed.
/// </summary>
public sealed record MergeSummary(long Added, IReadOnlyList<UtcRange> Covered, DateTimeOffset? First = null, DateTimeOffset? Last = null);
