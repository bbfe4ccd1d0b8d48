using CandleFunctions.Sync;
using CandleFunctions.Sync.Summary;

namespace CandleFunctions.Cli.Output;

/// <summary>Short human wording shared by the displays.</summary>
public static class Text
{
    public static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? $"{span.TotalDays:0} d"
        : span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? $"{span.TotalHours:0} h"
        : span.TotalMinutes >= 1 && span.TotalMinutes % 1 == 0 ? $"{span.TotalMinutes:0} min"
        : $"{span.TotalSeconds:0.###} s";

    public static string Outcome(SymbolReport report) => report.Outcome switch
    {
        SymbolOutcome.UpToDate => "up to date",
        SymbolOutcome.Synced => $"+{report.CandlesAdded:N0} candles",
        SymbolOutcome.NoData => $"no data ({report.Reason})",
        SymbolOutcome.Skipped => $"skipped: {report.Reason}",
        SymbolOutcome.Unknown => $"unknown: {report.Reason}",
        SymbolOutcome.Failed => $"FAILED: {report.Reason}{(report.Errors.Count > 0 ? " — " + report.Errors[0] : "")}"
                                + (report.CandlesAdded > 0 ? $" (+{report.CandlesAdded:N0} candles kept)" : ""),
        SymbolOutcome.Interrupted => "interrupted",
        _ => report.Outcome.ToString(),
    };

    /// <summary>One line for what verifying a file without a ledger did, e.g. "adopted (UTC+11:00): 1,440 shifted, 3 replaced".</summary>
    public static string Repairs(SummaryRepairs repairs)
    {
        System.ArgumentNullException.ThrowIfNull(repairs);
        var counts = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{repairs.RowsShifted:N0} shifted, {repairs.RowsReplaced:N0} replaced, {repairs.DuplicatesRemoved:N0} duplicates removed, {repairs.RowsDropped:N0} dropped, {repairs.Holes:N0} hole minutes");
        return $"{(repairs.Applied ? "repaired" : "checked")} ({repairs.Verdict}, {repairs.Clock}): {counts}";
    }
}
