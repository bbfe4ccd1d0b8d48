using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage.Local;

/// <summary>The result of one streaming pass over a candle file.</summary>
internal sealed record CandleFileSummary(CoverageSet Minutes, DateTimeOffset? First, DateTimeOffset? Last, long Count);
