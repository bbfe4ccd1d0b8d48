using System.Text;

namespace CandleFunctions.Sync.Input;

/// <summary>The symbols of a filtered_tokens.csv: its <c>binance_symbol</c> column, in file order, upper-cased.</summary>
public sealed record SymbolsFile(IReadOnlyList<string> Symbols, int BlankLines, IReadOnlyList<string> Duplicates)
{
    /// <summary>The column holding Binance symbols.</summary>
    public const string Column = "binance_symbol";

    /// <summary>Reads the file at <paramref name="path"/>; <paramref name="missingAdvice"/> tells a person what to do when it does not exist.</summary>
    /// <exception cref="InputException">The file is missing, unreadable, empty or has no such column.</exception>
    public static SymbolsFile Read(string path, string missingAdvice)
    {
        if (!File.Exists(path))
            throw new InputException($"The symbols file '{path}' does not exist ({missingAdvice}).");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"The symbols file '{path}' cannot be read: {e.Message}");
        }
        return Parse(lines, path);
    }

    /// <summary>Parses text already read (from a blob, say); <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InputException">The text is empty or has no such column.</exception>
    public static SymbolsFile Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
            lines.Add(line);
        return Parse(lines, source);
    }

    private static SymbolsFile Parse(IReadOnlyList<string> lines, string source)
    {
        var header = lines.Select((line, i) => (line, i)).FirstOrDefault(l => l.line.Trim().Length > 0);
        if (header.line is null)
            throw new InputException($"The symbols file '{source}' is empty; it needs a '{Column}' column.");
        var columns = SplitRow(header.line);
        var index = Array.FindIndex(columns, c => string.Equals(c, Column, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            throw new InputException($"The symbols file '{source}' has no '{Column}' column (found: {string.Join(", ", columns)}).");

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
