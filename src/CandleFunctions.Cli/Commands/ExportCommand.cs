using System.CommandLine;
using System.Globalization;
using CandleFunctions.Storage.Csv;
using CandleFunctions.Storage.Ledger;
using CandleFunctions.Storage.Local;
using CandleFunctions.Storage.Locking;
using CandleFunctions.Storage.Parquet;
using CandleFunctions.Storage.Symbols;
using CandleFunctions.Sync.Input;

namespace CandleFunctions.Cli.Commands;

/// <summary>Declares and runs <c>candles export --format parquet</c>: converts the data folder's CSVs to Parquet, offline.</summary>
public static class ExportCommand
{
    public static readonly Option<string> Data = new("--data")
    {
        Description = "Folder holding <SYMBOL>.csv files and their ledgers",
        DefaultValueFactory = _ => "data",
    };

    public static readonly Option<string> Format = new("--format")
    {
        Description = "What to convert to; parquet is the only target (<data>/parquet/symbol=<SYMBOL>/month=YYYY-MM.parquet)",
        Required = true,
    };

    public static Command Create()
    {
        var command = new Command("export", "Convert every <SYMBOL>.csv of the data folder (one the notebook wrote, say) to Parquet, without touching the network");
        command.Options.Add(Data);
        command.Options.Add(Format);
        return command;
    }

    /// <summary>0 when every CSV was converted, 1 when some could not be read, 2 on bad input.</summary>
    public static async Task<int> RunAsync(ParseResult parsed, CliConsole console, CancellationToken cancellationToken)
    {
        var data = parsed.GetValue(Data)!;
        if (!string.Equals(parsed.GetValue(Format)!.Trim(), "parquet", StringComparison.OrdinalIgnoreCase))
            throw new InputException($"--format '{parsed.GetValue(Format)}' cannot be exported to; the only target is parquet.");
        if (!Directory.Exists(data))
            throw new InputException($"The data folder '{data}' does not exist.");
        using var folderLock = DataFolderLock.Acquire(data);
        var csv = new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = data });
        var exporter = new ParquetExporter(csv, new ParquetCandleStore(new LocalParquetMonthStore(data)));
        var symbols = Directory.EnumerateFiles(data, "*.csv").Select(Path.GetFileNameWithoutExtension)
            .Where(SymbolName.IsValid).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var failed = 0;
        foreach (var symbol in symbols)
        {
            try
            {
                var (added, months) = await exporter.ExportAsync(symbol, cancellationToken);
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{symbol,-16} {added:N0} candles written to {months} month file(s)"));
            }
            catch (Exception e) when (e is CorruptCandleFileException or CorruptLedgerException or CorruptParquetFileException or IOException or UnauthorizedAccessException)
            {
                failed++;
                console.Out.WriteLine($"{symbol,-16} not exported: {e.Message}");
            }
        }
        console.Out.WriteLine($"{symbols.Count - failed} exported, {failed} failed, into {Path.Combine(Path.GetFullPath(data), ParquetLayout.Root)}");
        return failed == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
    }
}
