using System.Text.RegularExpressions;

namespace CandleFunctions.Storage.Symbols;

/// <summary>Checks that a symbol is safe to use as a file or blob name.</summary>
public static partial class SymbolName
{
    /// <summary>Longest accepted symbol.</summary>
    public const int MaxLength = 40;

    // Names Windows reserves for devices; a file named CON.csv cannot be created there.
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>Returns <paramref name="symbol"/> when it is 1-40 characters of A-Z, 0-9 and '_'; throws otherwise.</summary>
    /// <exception cref="InvalidSymbolNameException">The name is empty, too long, or has other characters.</exception>
    public static string Validate(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (symbol.Length == 0)
            throw new InvalidSymbolNameException(symbol, "it is empty");
        if (symbol.Length > MaxLength)
            throw new InvalidSymbolNameException(symbol, $"it is longer than {MaxLength} characters");
        if (!Allowed().IsMatch(symbol))
        {
            var hint = Allowed().IsMatch(symbol.ToUpperInvariant()) ? " (symbols are upper case)" : "";
            throw new InvalidSymbolNameException(symbol, $"only A-Z, 0-9 and '_' are allowed{hint}");
        }
        if (s_reserved.Contains(symbol))
            throw new InvalidSymbolNameException(symbol, "it is a reserved device name");
        return symbol;
    }

    /// <summary>True when <see cref="Validate"/> would accept <paramref name="symbol"/>.</summary>
    public static bool IsValid(string? symbol) =>
        symbol is { Length: > 0 and <= MaxLength } && Allowed().IsMatch(symbol) && !s_reserved.Contains(symbol);

    [GeneratedRegex("^[A-Z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
