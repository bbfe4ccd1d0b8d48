using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CandleFunctions.Storage.Locking;
using CandleFunctions.Storage.Verification;

namespace CandleFunctions.Cli.Commands;

/// <summary>Declares and runs <c>candles verify</c>: checks every stored candle file against its ledger, reading only.</summary>
public static class VerifyCommand
{
    /// <summary>The rules, as <c>candles verify --help</c> prints them.</summary>
    public const string Rules =
        "Check every <SYMBOL>.csv in the data folder against its <SYMBOL>.ledger.json, without changing anything.\n"
        + "Errors (exit code 1): a header that is not a candle header; a row that is not a candle; rows out of order or\n"
        + "repeating a minute; low above open or close, or high below them; a negative volume; a candle at a minute the\n"
        + "ledger does not cover (the ledger covers a minute only once its candle is stored, so such a row was written\n"
        + "by hand or by a sync stopped before it recorded it); an unreadable ledger.\n"
        + "Not errors (reported for information): minutes the ledger covers without candles (before listing, outages,\n"
        + "after delisting: the exchange has none); minutes between the first and the last candle that no ledger covers\n"
        + "yet (not yet synced); a file without a ledger (the next sync verifies it against the exchange before adopting\n"
        + "it); an unterminated last row or a temp file left by an interrupted write (the next sync drops them).\n"
        + "Parquet (parquet/symbol=<SYMBOL>/month=YYYY-MM.parquet with its _ledger.json) is checked the same way, plus the\n"
        + "schema of every month file and rows in the right month; where a symbol has both, every minute both ledgers\n"
        + "cover must hold the same candle in the CSV and in Parquet.\n"
        + "--deep also compares the rows with the exchange's own candles (public archive first, then REST under the weight\n"
        + "budget), ledger or not: the clock they were written in (UTC, a constant offset, or a time zone across its\n"
        + "daylight-saving changes), rows that differ (an open candle stored as closed), repeated minutes. It changes\n"
        + "nothing; 'candles repair' applies what it finds. Exit code 1 when any file needs a repair.";

    public static readonly Option<string> Data = new("--data")
    {
        Description = "Folder holding <SYMBOL>.csv files and their ledgers",
        DefaultValueFactory = _ => "data",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the per-symbol report as JSON on stdout",
    };

    public static readonly Option<bool> Deep = new("--deep")
    {
        Description = "Also compare every file's rows with the exchange's candles (read-only)",
    };

    /// <summary>The exchange options --deep uses.</summary>
    public static readonly ExchangeOptions Exchange = new();

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Command Create()
    {
        var command = new Command("verify", Rules);
        command.Options.Add(Data);
        command.Options.Add(Json);
        command.Options.Add(Deep);
        Exchange.AddTo(command);
        return command;
    }

    /// <summary>Verifies the folder named on the command line; 0 when nothing is wrong, 1 when anything is, 2 when the folder is missing.</summary>
    public static async Task<int> RunAsync(ParseResult parsed, CliConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        var data = parsed.GetValue(Data)!;
        var json = parsed.GetValue(Json);
        var deep = parsed.GetValue(Deep);
        var (apiUrl, archiveUrl, clock, everyRow) = Exchange.Bind(parsed);
        if (!Directory.Exists(data))
        {
            console.Error.WriteLine($"candles: the data folder '{data}' does not exist.");
            return ExitCodes.BadInput;
        }
        // A running sync may hold rows its ledger does not cover yet: verify a folder at rest.
        using var folderLock = TryLock(data);
        var reports = (await CandleFolderVerifier.VerifyAsync(data, cancellationToken))
            .Concat(await ParquetFolderVerifier.VerifyAsync(data, cancellationToken)).ToList();
        if (deep)
        {
            // The file checks go to the human stream; --json prints the comparison with the exchange.
            WritePlain(json ? console.Error : console.Out, Path.GetFullPath(data), reports);
            var compared = await new DeepCheck(console, time).RunAsync(data, apiUrl, archiveUrl, clock, everyRow, apply: false, json, cancellationToken);
            return compared != ExitCodes.Success ? compared : reports.All(r => r.Ok) ? ExitCodes.Success : ExitCodes.SomeFailed;
        }
        if (json)
            WriteJson(console.Out, Path.GetFullPath(data), reports);
        else
            WritePlain(console.Out, Path.GetFullPath(data), reports);
        return reports.All(r => r.Ok) ? ExitCodes.Success : ExitCodes.SomeFailed;
    }

    private static DataFolderLock? TryLock(string data)
    {
        try
        {
            return DataFolderLock.Acquire(data);
        }
        catch (Exception e) when (e is (IOException and not DataFolderLockedException) or UnauthorizedAccessException)
        {
            // A read-only folder cannot hold a lock file, and no sync can write to it either.
            return null;
        }
    }

    private static void WritePlain(TextWriter output, string folder, IReadOnlyList<SymbolVerification> reports)
    {
        output.WriteLine($"Verified {reports.Count} symbol(s) in {folder}");
        foreach (var r in reports)
        {
            var span = r.First is { } first && r.Last is { } last ? $" {Text(first)} .. {Text(last)}" : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Output.Text.PadSymbol(r.Symbol + (r.Format == "csv" ? "" : " (" + r.Format + ")"))} {(r.Ok ? "ok" : "ERRORS"),-6} {r.Candles:N0} candles{span}{(r.HasLedger ? "" : " (no ledger)")}"));
            foreach (var f in r.Findings)
                output.WriteLine($"    {(f.Severity == VerificationSeverity.Error ? "error" : "info")}: {f.Detail}");
        }
        var bad = reports.Count(r => !r.Ok);
        output.WriteLine($"{reports.Count - bad} ok, {bad} with errors");
    }

    private static void WriteJson(TextWriter output, string folder, IReadOnlyList<SymbolVerification> reports)
    {
        var document = new
        {
            dataDirectory = folder,
            ok = reports.All(r => r.Ok),
            symbols = reports.Select(r => new
            {
                symbol = r.Symbol,
                format = r.Format,
                ok = r.Ok,
                candles = r.Candles,
                first = r.First,
                last = r.Last,
                hasLedger = r.HasLedger,
                findings = r.Findings.Select(f => new { severity = f.Severity, issue = f.Issue, count = f.Count, detail = f.Detail }),
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(document, s_json));
    }

    private static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
