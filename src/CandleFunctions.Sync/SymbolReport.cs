using CandleFunctions.Core.Candles;

namespace CandleFunctions.Sync;

/// <summary>What happened to one symbol.</summary>
public sealed record SymbolReport(
    string Symbol,
    SymbolOutcome Outcome,
    UtcRange? Listed,
    long CandlesAdded,
    IReadOnlyList<UtcRange> RangesFetched,
    IReadOnlyList<string> Errors,
    string? Reason);
