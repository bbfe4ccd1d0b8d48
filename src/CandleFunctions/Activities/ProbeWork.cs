using CandleFunctions.Core.Candles;
using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Activities;

/// <summary>Finds where a symbol really traded inside <paramref name="Tradable"/> (two weight-1 requests) and records the rest as empty.</summary>
public sealed record ProbeWork(
    string Symbol,
    UtcRange Requested,
    UtcRange Tradable,
    RateLimitRule Rule,
    TimeSpan ServerOffset,
    DateTimeOffset SendBy)
{
    /// <summary>Weight of the two probes (limit 1 costs 1 each).</summary>
    public const int Weight = 2;
}
