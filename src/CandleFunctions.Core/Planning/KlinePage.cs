using CandleFunctions.Core.Candles;

namespace CandleFunctions.Core.Planning;

/// <summary>One klines request: the minutes it asks for, the limit it sends and the weight it costs.</summary>
public readonly record struct KlinePage(UtcRange Range, int Limit, int Weight)
{
    /// <summary>The <c>startTime</c> parameter: the first open time wanted, in Unix milliseconds.</summary>
    public long StartTimeMs => Range.Start.ToUnixTimeMilliseconds();

    /// <summary>The <c>endTime</c> parameter: the exchange's bound is inclusive on open time, so one millisecond before the range end.</summary>
    public long EndTimeMs => Range.End.ToUnixTimeMilliseconds() - 1;
}
