using CandleFunctions.Core.Candles;
using CandleFunctions.Sync.Summary;

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
    /// <summary>What verifying a file nothing vouched for yet (a notebook's) found and repaired, when this run did one.</summary>
    public SummaryRepairs? Repairs { get; init; }
}
