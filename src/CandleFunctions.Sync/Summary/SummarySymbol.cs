using System.Text.Json.Serialization;

namespace CandleFunctions.Sync.Summary;

/// <summary>One symbol in the run summary.</summary>
public sealed record SummarySymbol(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("listed")] SummaryRange? Listed,
    [property: JsonPropertyName("candlesAdded")] long CandlesAdded,
    [property: JsonPropertyName("archiveFiles")] int ArchiveFiles,
    [property: JsonPropertyName("rangesFetched")] IReadOnlyList<SummaryRange> RangesFetched,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors,
    [property: JsonPropertyName("reason")] string? Reason)
{
    /// <summary>What verifying its file without a ledger found and repaired; null when the run did not adopt a file.</summary>
    [JsonPropertyName("repairs")]
    public SummaryRepairs? Repairs { get; init; }
}
