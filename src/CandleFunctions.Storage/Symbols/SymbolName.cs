using System.Globalization;
using System.Text;

namespace CandleFunctions.Storage.Symbols;

/// <summary>
/// Checks that a symbol is safe to use as a file or blob name. Any name the exchange or its archive lists passes
/// (<c>BTCUSDT</c>, <c>币安人生USDT</c>); only what could escape the data folder, be dropped or refused by a file
/// system, or collide with another symbol's file is rejected.
/// </summary>
public static class SymbolName
{
    /// <summary>Longest accepted symbol, in bytes of UTF-8 (file and blob names count bytes).</summary>
    public const int MaxUtf8Bytes = 64;

    // Windows refuses these in file names; the rest of the world's file systems and blob names accept them.
    private const string WindowsForbidden = ":*?\"<>|";

    // Names Windows reserves for devices; a file named CON.csv cannot be created there.
    private static readonly HashSet<string> s_reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>Returns <paramref name="symbol"/> when it is safe as a file and blob name; throws otherwise.</summary>
    /// <exception cref="InvalidSymbolNameException">The name is empty, too long, or unsafe; the message says why.</exception>
    public static string Validate(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return Problem(symbol) is { } reason ? throw new InvalidSymbolNameException(symbol, reason) : symbol;
    }

    /// <summary>True when <see cref="Validate"/> would accept <paramref name="symbol"/>.</summary>
    public static bool IsValid(string? symbol) => symbol is not null && Problem(symbol) is null;

    /// <summary>Why <paramref name="symbol"/> is unsafe, or null when it is safe.</summary>
    public static string? Problem(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (symbol.Length == 0)
            return "it is empty";
        if (symbol.Any(IsControl))
            return "it holds a control or invisible formatting character";
        if (!IsWellFormed(symbol))
            return "it is not well-formed Unicode";
        if (Encoding.UTF8.GetByteCount(symbol) > MaxUtf8Bytes)
            return $"it is longer than {MaxUtf8Bytes} bytes of UTF-8";
        if (symbol.Contains('/') || symbol.Contains('\\'))
            return "it holds a path separator ('/' or '\\')";
        if (symbol.Contains("..", StringComparison.Ordinal))
            return "it holds '..'";
        if (symbol.IndexOfAny(WindowsForbidden.ToCharArray()) >= 0)
            return $"it holds one of {WindowsForbidden}, which Windows does not allow in file names";
        if (symbol[0] == '.')
            return "it starts with '.' (a hidden file name)";
        if (char.IsWhiteSpace(symbol[0]) || char.IsWhiteSpace(symbol[^1]) || symbol[^1] == '.')
            return "it starts or ends with a space, or ends with '.' (Windows drops those, so two symbols could share a file)";
        if (!string.Equals(symbol, symbol.ToUpperInvariant(), StringComparison.Ordinal))
            return "it has lower-case letters (symbols are upper case; names differing only in case share one file on Windows and macOS)";
        if (s_reserved.Contains(symbol.Split('.')[0]))
            return "it is a reserved device name on Windows";
        return null;
    }

    private static bool IsControl(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static bool IsWellFormed(string symbol)
    {
        for (var i = 0; i < symbol.Length; i++)
        {
            if (char.IsHighSurrogate(symbol[i]) && i + 1 < symbol.Length && char.IsLowSurrogate(symbol[i + 1]))
                i++;
            else if (char.IsSurrogate(symbol[i]))
                return false;
        }
        return true;
    }
}
