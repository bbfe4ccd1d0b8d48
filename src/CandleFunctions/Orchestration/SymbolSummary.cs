using CandleFunctions.Core.Candles;
using CandleFunctions.Sync;

namespace CandleFunctions.Orchestration;

/// <summary>How one symbol ended, with what it cost; the CLI's <see cref="SymbolReport"/> plus weight counters.</summary>
public sealed record SymbolSummary(
    string Symbol,
    SymbolOutcome Outcome,
    UtcRange? Listed,
    long CandlesAdded,
    IReadOnlyList<UtcRange> RangesFetched,
    IReadOnlyList<string> Errors,
    string? Reason,
    long WeightUsed = 0,
    long Requests = 0,
    int TooManyRequests = 0,
    int Bans = 0,
    int ArchiveFiles = 0,
    long ArchiveBytes = 0)
{
    /// <summary>A symbol settled without fetching (unknown, skipped, up to date, no data, failed early).</summary>
    public static SymbolSummary Settled(string symbol, SymbolOutcome outcome, string? reason, UtcRange? listed = null) =>
        new(symbol, outcome, listed, 0, [], [], reason);

    /// <summary>The CLI's report of this symbol.</summary>
    public SymbolReport ToReport() => new(Symbol, Outcome, Listed, CandlesAdded, RangesFetched, Errors, Reason) { ArchiveFiles = ArchiveFiles };
}
