namespace CandleFunctions.Stores;

/// <summary>Reads the <c>binance_symbol</c> column of a filtered_tokens.csv text, as the CLI does.</summary>
public static class SymbolListCsv
{
    /// <summary>The column holding Binance symbols.</summary>
    public const string Column = "binance_symbol";

    /// <summary>The column's values in order, upper-cased, blanks and duplicates dropped.</summary>
    /// <exception cref="FormatException">The text is empty or has no such column.</exception>
    public static IReadOnlyList<string> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var headerAt = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerAt < 0)
            throw new FormatException($"The symbols file '{source}' is empty; it needs a '{Column}' column.");
        var columns = Cells(lines[headerAt]);
        var index = Array.FindIndex(columns, c => string.Equals(c, Column, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            throw new FormatException($"The symbols file '{source}' has no '{Column}' column (found: {string.Join(", ", columns)}).");
        return lines.Skip(headerAt + 1)
            .Select(Cells)
            .Select(cells => index < cells.Length ? cells[index].ToUpperInvariant() : "")
            .Where(value => value.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static string[] Cells(string line) =>
        line.TrimEnd('\r').TrimStart('\uFEFF').Split(',').Select(c => c.Trim().Trim('"').Trim()).ToArray();
}
