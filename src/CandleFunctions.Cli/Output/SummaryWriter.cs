using System.Text.Json;
using System.Text.Json.Serialization;
using CandleFunctions.Sync;
using Spectre.Console;

namespace CandleFunctions.Cli.Output;

/// <summary>The end-of-run summary: a table for people, JSON for scripts.</summary>
public static class SummaryWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void WriteTable(IAnsiConsole console, SyncReport report)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("symbol").AddColumn("outcome").AddColumn(new TableColumn("added").RightAligned()).AddColumn("trading in range").AddColumn("note");
        foreach (var s in report.Symbols)
        {
            table.AddRow(
                Markup.Escape(s.Symbol),
                s.Outcome is SymbolOutcome.Failed or SymbolOutcome.Unknown ? $"[red]{s.Outcome}[/]" : s.Outcome.ToString(),
                s.CandlesAdded.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(s.Listed?.ToString() ?? ""),
                Markup.Escape(s.Reason ?? (s.Errors.Count > 0 ? s.Errors[0] : "")));
        }
        console.Write(table);
        console.WriteLine(Totals(report));
    }

    public static void WritePlain(TextWriter output, SyncReport report)
    {
        foreach (var s in report.Symbols)
            output.WriteLine($"{s.Symbol,-16} {Text.Outcome(s)}");
        output.WriteLine(Totals(report));
    }

    public static void WriteJson(TextWriter output, SyncReport report)
    {
        var document = new
        {
            range = report.Range is { } r ? new { start = r.Start, end = r.End } : null,
            symbols = report.Symbols.Select(s => new
            {
                symbol = s.Symbol,
                status = s.Outcome,
                listed = s.Listed is { } l ? new { start = l.Start, end = l.End } : null,
                candlesAdded = s.CandlesAdded,
                archiveFiles = s.ArchiveFiles,
                rangesFetched = s.RangesFetched.Select(f => new { start = f.Start, end = f.End }),
                errors = s.Errors,
                reason = s.Reason,
            }),
            totals = new
            {
                symbols = report.Symbols.Count,
                synced = report.Symbols.Count(s => s.Outcome == SymbolOutcome.Synced),
                upToDate = report.Symbols.Count(s => s.Outcome == SymbolOutcome.UpToDate),
                failed = report.Failed,
                candlesAdded = report.CandlesAdded,
            },
            weightUsed = report.WeightUsed,
            requests = report.Requests,
            tooManyRequests = report.TooManyRequests,
            bans = report.Bans,
            transientRetries = report.TransientRetries,
            archiveBytes = report.ArchiveBytes,
            bannedUntil = report.BannedUntil,
            cancelled = report.Cancelled,
            elapsedSeconds = Math.Round(report.Elapsed.TotalSeconds, 3),
        };
        output.WriteLine(JsonSerializer.Serialize(document, Json));
    }

    private static string Totals(SyncReport r) =>
        $"{r.Symbols.Count} symbols: {r.Symbols.Count(s => s.Outcome == SymbolOutcome.Synced)} synced, "
        + $"{r.Symbols.Count(s => s.Outcome == SymbolOutcome.UpToDate)} up to date, {r.Failed} failed; "
        + $"{r.CandlesAdded:N0} candles added; weight {r.WeightUsed:N0} in {r.Requests:N0} requests; "
        + $"429s {r.TooManyRequests}, 418s {r.Bans}, retries {r.TransientRetries}; archive {r.ArchiveBytes / 1048576.0:0.0} MB; {r.Elapsed.TotalSeconds:0.0} s";
}
