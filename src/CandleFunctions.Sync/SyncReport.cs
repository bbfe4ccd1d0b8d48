using CandleFunctions.Core.Candles;

namespace CandleFunctions.Sync;

/// <summary>The outcome of a run: per symbol, totals, and what the rate limits cost.</summary>
public sealed record SyncReport(
    UtcRange? Range,
    IReadOnlyList<SymbolReport> Symbols,
    long WeightUsed,
    long Requests,
    int TooManyRequests,
    int Bans,
    long TransientRetries,
    long ArchiveBytes,
    DateTimeOffset? BannedUntil,
    bool Cancelled,
    TimeSpan Elapsed)
{
    public long CandlesAdded => Symbols.Sum(s => s.CandlesAdded);

    public int Failed => Symbols.Count(s => s.Outcome is SymbolOutcome.Failed or SymbolOutcome.Unknown);
}
