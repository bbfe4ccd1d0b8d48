using System.Text.Json.Serialization;

namespace CandleFunctions.Summary;

/// <summary>The totals block of the CLI's JSON summary.</summary>
public sealed record SummaryTotals(
    [property: JsonPropertyName("symbols")] int Symbols,
    [property: JsonPropertyName("synced")] int Synced,
    [property: JsonPropertyName("upToDate")] int UpToDate,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("candlesAdded")] long CandlesAdded);
