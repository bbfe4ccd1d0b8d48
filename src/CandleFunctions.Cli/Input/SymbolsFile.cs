using System.Text;

namespace CandleFunctions.Cli.Input;

/// <summary>The symbols of a filtered_tokens.csv: its <c>binance_symbol</c> column, in file order.</summary>
public sealed record SymbolsFile(IReadOnlyList<string> Symbols, int BlankLines, IReadOnlyList<string> Duplicates)
{
    public const string Column = "binance_symbol";

    public static SymbolsFile Read(string path)
    {
        if (!File.Exists(path))
            throw new UsageException($"The symbols file '{path}' does not exist (use --symbols-file PATH).");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"The symbols file '{path}' cannot be read: {e.Message}");
        }
        var header = lines.Select((line, i) => (line, i)).FirstOrDefault(l => l.line.Trim().Length > 0);
        if (header.line is null)
            throw new UsageException($"The symbols file '{path}' is empty; it needs a '{Column}' column.");
        var columns = SplitRow(header.line);
        var index = Array.FindIndex(columns, c => string.Equals(c, Column, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            throw new UsageException($"The symbols file '{path}' has no '{Column}' column (found: {string.Join(", ", columns)}).");

        var symbols = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        var blank = 0;
        foreach (var line in lines.Skip(header.i + 1))
        {
            var cells = SplitRow(line);
            var value = index < cells.Length ? cells[index].ToUpperInvariant() : "";
            if (value.Length == 0)
            {
                blank++;
                continue;
            }
            if (!seen.Add(value))
            {
                duplicates.Add(value);
                continue;
            }
            symbols.Add(value);
        }
        return new SymbolsFile(symbols, blank, duplicates);
    }

    private static string[] SplitRow(string line) =>
        line.TrimStart('\uFEFF').Split(',').Select(c => c.Trim().Trim('"').Trim()).ToArray();
}
