using System.Text.Json.Serialization;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Sync.Summary;

/// <summary>A half-open UTC range as the run summary writes it.</summary>
public sealed record SummaryRange(
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("end")] DateTimeOffset End)
{
    /// <summary>The summary form of <paramref name="range"/>.</summary>
    public static SummaryRange? From(UtcRange? range) => range is { } r ? new SummaryRange(r.Start, r.End) : null;
}
