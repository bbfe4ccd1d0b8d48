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
    string? Reason)
{
    /// <summary>Archive files (monthly or daily zips) this symbol's data came from.</summary>
    public int ArchiveFiles { get; init; }

    /// <summary>Minutes this run covered in which the exchange has no candle (before listing, outages); with <see cref="CandlesAdded"/> they make up the plan.</summary>
    public long MinutesWithoutCandles { get; init; }
}
