using System.Text.Json;
using System.Text.Json.Serialization;

namespace CandleFunctions.Sync.Summary;

/// <summary>
/// The run summary both hosts emit: what <c>candles sync --json</c> prints and what the orchestration returns,
/// so scripts read either the same way. Names are fixed by attributes because the worker's serializer would
/// otherwise write PascalCase.
/// </summary>
public sealed record SyncSummary(
    [property: JsonPropertyName("range")] SummaryRange? Range,
    [property: JsonPropertyName("symbols")] IReadOnlyList<SummarySymbol> Symbols,
    [property: JsonPropertyName("totals")] SummaryTotals Totals,
    [property: JsonPropertyName("weightUsed")] long WeightUsed,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("tooManyRequests")] int TooManyRequests,
    [property: JsonPropertyName("bans")] int Bans,
    [property: JsonPropertyName("transientRetries")] long TransientRetries,
    [property: JsonPropertyName("archiveBytes")] long ArchiveBytes,
    [property: JsonPropertyName("bannedUntil")] DateTimeOffset? BannedUntil,
    [property: JsonPropertyName("cancelled")] bool Cancelled,
    [property: JsonPropertyName("elapsedSeconds")] double ElapsedSeconds)
{
    /// <summary>The summary of a finished run.</summary>
    public static SyncSummary From(SyncReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new SyncSummary(
            SummaryRange.From(report.Range),
            report.Symbols.Select(s => new SummarySymbol(
                s.Symbol,
                JsonNamingPolicy.CamelCase.ConvertName(s.Outcome.ToString()),
                SummaryRange.From(s.Listed),
                s.CandlesAdded,
                s.ArchiveFiles,
                s.RangesFetched.Select(r => new SummaryRange(r.Start, r.End)).ToList(),
                s.Errors,
                s.Reason) { Repairs = s.Repairs }).ToList(),
            new SummaryTotals(
                report.Symbols.Count,
                report.Symbols.Count(s => s.Outcome == SymbolOutcome.Synced),
                report.Symbols.Count(s => s.Outcome == SymbolOutcome.UpToDate),
                report.Failed,
                report.CandlesAdded),
            report.WeightUsed,
            report.Requests,
            report.TooManyRequests,
            report.Bans,
            report.TransientRetries,
            report.ArchiveBytes,
            report.BannedUntil,
            report.Cancelled,
            Math.Round(report.Elapsed.TotalSeconds, 3));
    }
}
