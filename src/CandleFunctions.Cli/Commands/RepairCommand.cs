using System.CommandLine;
using CandleFunctions.Storage.Locking;

namespace CandleFunctions.Cli.Commands;

/// <summary>Declares and runs <c>candles repair</c>: what <c>verify --deep</c> finds, applied.</summary>
public static class RepairCommand
{
    public const string Description =
        "Compare every <SYMBOL>.csv in the data folder with the exchange's candles, as 'verify --deep' does, and repair\n"
        + "what differs: a file written in local time is rewritten in UTC, rows that differ and repeated minutes take the\n"
        + "exchange's values, and rows that cannot be verified are dropped (the next sync fetches them). Every file is\n"
        + "rewritten atomically (temp file + rename) and its ledger updated. A file that matches the exchange under no\n"
        + "clock is left untouched and reported (exit code 1).";

    public static readonly Option<string> Data = new("--data")
    {
        Description = "Folder holding <SYMBOL>.csv files and their ledgers",
        DefaultValueFactory = _ => "data",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the per-symbol report as JSON on stdout",
    };

    public static readonly ExchangeOptions Exchange = new();

    public static Command Create()
    {
        var command = new Command("repair", Description);
        command.Options.Add(Data);
        command.Options.Add(Json);
        Exchange.AddTo(command);
        return command;
    }

    public static async Task<int> RunAsync(ParseResult parsed, CliConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        var data = parsed.GetValue(Data)!;
        var (apiUrl, archiveUrl, clock, everyRow) = Exchange.Bind(parsed);
        if (!Directory.Exists(data))
        {
            console.Error.WriteLine($"candles: the data folder '{data}' does not exist.");
            return ExitCodes.BadInput;
        }
        // Never alongside a sync: both rewrite the same files.
        using var folderLock = DataFolderLock.Acquire(data);
        return await new DeepCheck(console, time).RunAsync(data, apiUrl, archiveUrl, clock, everyRow, apply: true, parsed.GetValue(Json), cancellationToken);
    }
}
