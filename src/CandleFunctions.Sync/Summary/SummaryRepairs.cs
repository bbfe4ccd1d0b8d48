using System.Text.Json;
using System.Text.Json.Serialization;
using CandleFunctions.Sync.Adoption;

namespace CandleFunctions.Sync.Summary;

/// <summary>What verifying a file without a ledger against the exchange found and changed, as the run summary writes it.</summary>
public sealed record SummaryRepairs(
    [property: JsonPropertyName("verdict")] string Verdict,
    [property: JsonPropertyName("clock")] string Clock,
    [property: JsonPropertyName("rowsShifted")] long RowsShifted,
    [property: JsonPropertyName("rowsReplaced")] long RowsReplaced,
    [property: JsonPropertyName("duplicatesRemoved")] long DuplicatesRemoved,
    [property: JsonPropertyName("rowsDropped")] long RowsDropped,
    [property: JsonPropertyName("holes")] long Holes,
    [property: JsonPropertyName("applied")] bool Applied,
    [property: JsonPropertyName("detail")] string Detail)
{
    /// <summary>The summary form of <paramref name="outcome"/>.</summary>
    public static SummaryRepairs? From(AdoptionOutcome? outcome)
    {
        if (outcome is null)
            return null;
        var r = outcome.Plan.Repairs;
        return new SummaryRepairs(
            JsonNamingPolicy.CamelCase.ConvertName(outcome.Plan.Verdict.ToString()),
            outcome.Plan.Match.Clock.ToString(),
            r.Shifted,
            r.Replaced,
            r.DuplicatesRemoved,
            r.Dropped,
            r.Holes,
            outcome.Applied,
            outcome.Plan.Describe());
    }
}
