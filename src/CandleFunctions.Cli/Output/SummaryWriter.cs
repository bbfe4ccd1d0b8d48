using System.Text.Json;
using CandleFunctions.Sync;
using CandleFunctions.Sync.Summary;
using Spectre.Console;

namespace CandleFunctions.Cli.Output;

/// <summary>The end-of-run summary: a table for people, JSON for scripts.</summary>
public static class SummaryWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void WriteTable(IAnsiConsole console, SyncReport report)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("symbol").AddColumn("outcome").AddColumn(new TableColumn("added").RightAligned()).AddColumn("trading in range").AddColumn("repairs").AddColumn("note");
        foreach (var s in report.Symbols)
        {
            table.AddRow(
                Markup.Escape(s.Symbol),
                s.Outcome is SymbolOutcome.Failed or SymbolOutcome.Unknown ? $"[red]{s.Outcome}[/]" : s.Outcome.ToString(),
                s.CandlesAdded.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(s.Listed?.ToString() ?? ""),
                Markup.Escape(s.Repairs is { } r ? Text.Repairs(r) : ""),
                Markup.Escape(s.Reason ?? (s.Errors.Count > 0 ? s.Errors[0] : "")));
        }
        console.Write(table);
        console.WriteLine(Totals(report));
    }

    public static void WritePlain(TextWriter output, SyncReport report)
    {
        foreach (var s in report.Symbols)
        {
            output.WriteLine($"{Text.PadSymbol(s.Symbol)} {Text.Outcome(s)}");
            if (s.Repairs is { } repairs)
                output.WriteLine($"{"",-16} {Text.Repairs(repairs)}");
        }
        output.WriteLine(Totals(report));
    }

    /// <summary>
    /// The last lines for people: where the files are and how a Python user loads one (the README's "Use the data"
    /// section has the rest: many symbols, the ledger).
    /// </summary>
    public static void WriteWhereToFind(TextWriter output, string dataDirectory, SyncReport report)
    {
        var folder = Path.GetFullPath(dataDirectory);
        var example = report.Symbols.FirstOrDefault(s => s.CandlesAdded > 0 || s.Outcome == SymbolOutcome.UpToDate)?.Symbol;
        if (example is null || !File.Exists(Path.Combine(folder, example + ".csv")))
            return;
        output.WriteLine($"Files: {Path.Combine(folder, "<SYMBOL>.csv")} (UTC minutes, timestamp,open,high,low,close,volume), each with <SYMBOL>.ledger.json beside it.");
        output.WriteLine($"In Python: pd.read_csv(r\"{Path.Combine(folder, example + ".csv")}\", index_col=\"timestamp\", parse_dates=True).tz_localize(\"UTC\")");
        output.WriteLine("Many symbols, UTC timestamps and the ledger: see \"Use the data\" in the README.");
    }

    /// <summary>Writes the run summary both hosts share (see <see cref="SyncSummary"/>).</summary>
    public static void WriteJson(TextWriter output, SyncReport report) =>
        output.WriteLine(JsonSerializer.Serialize(SyncSummary.From(report), Json));

    private static string Totals(SyncReport r) =>
        $"{r.Symbols.Count} symbols: {r.Symbols.Count(s => s.Outcome == SymbolOutcome.Synced)} synced, "
        + $"{r.Symbols.Count(s => s.Outcome == SymbolOutcome.UpToDate)} up to date, {r.Failed} failed; "
        + $"{r.CandlesAdded:N0} candles added; weight {r.WeightUsed:N0} in {r.Requests:N0} requests; "
        + $"429s {r.TooManyRequests}, 418s {r.Bans}, retries {r.TransientRetries}; archive {r.ArchiveBytes / 1048576.0:0.0} MB; {r.Elapsed.TotalSeconds:0.0} s";
}
