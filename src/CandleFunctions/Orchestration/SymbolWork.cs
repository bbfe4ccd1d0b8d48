using CandleFunctions.Core.Candles;
using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Orchestration;

/// <summary>
/// One symbol's work as planned: the requested range, the part it can have traded in, and what the ledger lacks.
/// <paramref name="ArchiveOnly"/>: exchangeInfo no longer lists it, so its history comes from the public archive alone.
/// </summary>
public sealed record SymbolWork(
    string Symbol,
    UtcRange Requested,
    UtcRange Tradable,
    IReadOnlyList<UtcRange> Missing,
    RateLimitRule Rule,
    TimeSpan ServerOffset,
    OrchestrationLimits Limits,
    bool ArchiveOnly = false)
{
    /// <summary>The first candle already stored, if any (with <see cref="StoredLast"/>: where it is known to trade).</summary>
    public DateTimeOffset? StoredFirst { get; init; }

    /// <summary>The last candle already stored, if any.</summary>
    public DateTimeOffset? StoredLast { get; init; }
}
