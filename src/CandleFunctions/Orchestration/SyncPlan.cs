using CandleFunctions.Core.Candles;
using CandleFunctions.Core.RateLimiting;
using CandleFunctions.Sync.Summary;
using CandleFunctions.Weight;

namespace CandleFunctions.Orchestration;

/// <summary>
/// The plan activity's answer. Not <see cref="Sent"/>: its grant expired before exchangeInfo was asked, ask again.
/// Otherwise the resolved range, the exchange's rule and clock offset, the symbols in order, those to fetch and
/// those already settled.
/// </summary>
public sealed record SyncPlan(
    bool Sent,
    UtcRange? Range,
    RateLimitRule? Rule,
    TimeSpan ServerOffset,
    IReadOnlyList<string> Symbols,
    IReadOnlyList<SymbolWork> Work,
    IReadOnlyList<SymbolSummary> Settled,
    OrchestrationLimits Limits,
    ExchangeFeedback Feedback,
    string? Error = null)
{
    /// <summary>What verifying each file without a ledger against the exchange found and repaired, by symbol.</summary>
    public IReadOnlyDictionary<string, SummaryRepairs> Repairs { get; init; } = new Dictionary<string, SummaryRepairs>();

    /// <summary>Weight the plan spent: exchangeInfo, the clock samples, and any verification of files without a ledger.</summary>
    public long WeightUsed { get; init; }

    /// <summary>Requests the plan sent.</summary>
    public long Requests { get; init; }

    /// <summary>The answer when the grant's window ended before anything was sent.</summary>
    public static SyncPlan Expired(OrchestrationLimits limits) =>
        new(false, null, null, TimeSpan.Zero, [], [], [], limits, ExchangeFeedback.None);
}
