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

    /// <summary>
    /// <paramref name="symbol"/> padded to <paramref name="columns"/> terminal columns: CJK and other wide characters
    /// take two, so that <c>币安人生USDT</c> lines up with <c>BTCUSDT</c>.
    /// </summary>
    public static string PadSymbol(string symbol, int columns = 16)
    {
        var width = 0;
        for (var i = 0; i < symbol.Length; i++)
        {
            if (char.IsHighSurrogate(symbol[i]) && i + 1 < symbol.Length)
            {
                // Outside the basic plane: emoji and rare CJK, shown two columns wide.
                width += 2;
                i++;
            }
            else
            {
                width += IsWide(symbol[i]) ? 2 : 1;
            }
        }
        return symbol + new string(' ', Math.Max(0, columns - width));
    }

    /// <summary>A symbol's plan line: <c>up to 4,320 candles to fetch: 1,440 from the archive (1 file), 2,880 from REST</c>.</summary>
    public static string Plan(SymbolPlan plan) => $"up to {plan.Total:N0} candles to fetch: {Split(plan)}";

    /// <summary>Where the planned candles come from.</summary>
    public static string Split(SymbolPlan plan) =>
        plan.FromArchive == 0 ? $"{plan.FromRest:N0} from REST"
        : plan.FromRest == 0 ? $"{plan.FromArchive:N0} from the archive ({Files(plan.ArchiveFiles)})"
        : $"{plan.FromArchive:N0} from the archive ({Files(plan.ArchiveFiles)}), {plan.FromRest:N0} from REST";

    public static string Outcome(SymbolReport report) => report.Outcome switch
    {
        SymbolOutcome.UpToDate => "up to date",
        SymbolOutcome.Synced => $"+{report.CandlesAdded:N0} candles" + WithoutCandles(report),
        SymbolOutcome.NoData => $"no data ({report.Reason})",
        SymbolOutcome.Skipped => $"skipped: {report.Reason}",
        SymbolOutcome.Unknown => $"unknown: {report.Reason}",
        SymbolOutcome.Failed => $"FAILED: {report.Reason}{(report.Errors.Count > 0 ? " — " + report.Errors[0] : "")}"
                                + (report.CandlesAdded > 0 ? $" (+{report.CandlesAdded:N0} candles kept)" : ""),
        SymbolOutcome.Interrupted => "interrupted",
        _ => report.Outcome.ToString(),
    };

    // Minutes without trading explain why a symbol adds fewer candles than planned.
    private static string WithoutCandles(SymbolReport report) =>
        report.MinutesWithoutCandles > 0 ? $" ({report.MinutesWithoutCandles:N0} minutes had none)" : "";

    // East Asian Wide and Fullwidth blocks of the basic plane (Hangul Jamo, CJK, Hangul syllables, compatibility, fullwidth forms).
    private static bool IsWide(char c) =>
        c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
            or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6';

    private static string Files(int count) => count == 1 ? "1 file" : $"{count:N0} files";
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
