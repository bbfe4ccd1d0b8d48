using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Core.Planning;

/// <summary>
/// One edge page of a missing span: the head (from the span's start) or the tail (no startTime: the last candles
/// before the span's end). <paramref name="StartTimeMs"/> null asks for the last <paramref name="Limit"/> candles.
/// </summary>
public readonly record struct EdgeRequest(long? StartTimeMs, long EndTimeMs, int Limit)
{
    /// <summary>The request's weight.</summary>
    public int Weight => KlineWeights.ForLimit(Limit);
}
