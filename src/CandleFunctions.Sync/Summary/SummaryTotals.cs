using System.Text.Json.Serialization;

namespace CandleFunctions.Sync.Summary;

/// <summary>The totals block of the run summary.</summary>
public sealed record SummaryTotals(
    [property: JsonPropertyName("symbols")] int Symbols,
    [property: JsonPropertyName("synced")] int Synced,
    [property: JsonPropertyName("upToDate")] int UpToDate,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("candlesAdded")] long CandlesAdded);
