using System.Text.Json.Serialization;

namespace CandleFunctions.Summary;

/// <summary>One symbol in the CLI's JSON summary.</summary>
public sealed record SummarySymbol(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("listed")] SummaryRange? Listed,
    [property: JsonPropertyName("candlesAdded")] long CandlesAdded,
    [property: JsonPropertyName("archiveFiles")] int ArchiveFiles,
    [property: JsonPropertyName("rangesFetched")] IReadOnlyList<SummaryRange> RangesFetched,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors,
    [property: JsonPropertyName("reason")] string? Reason);
