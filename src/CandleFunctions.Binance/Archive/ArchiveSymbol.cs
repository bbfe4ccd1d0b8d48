namespace CandleFunctions.Binance.Archive;

/// <summary>
/// A symbol as one segment of an archive path. Any name the exchange lists is allowed (<c>币安人生USDT</c>); what
/// could leave the symbol's folder is not. Paths are percent-encoded per segment before they go into a URL.
/// </summary>
public static class ArchiveSymbol
{
    /// <summary>Returns <paramref name="symbol"/> when it can name an archive folder; throws otherwise.</summary>
    /// <exception cref="ArgumentException">Empty, blank, or holding a path separator, '..' or a control character.</exception>
    public static string Checked(string symbol)
    {
        if (string.IsNullOrWhiteSpace(symbol) || symbol.Contains('/') || symbol.Contains('\\')
            || symbol.Contains("..", StringComparison.Ordinal) || symbol.Any(char.IsControl))
            throw new ArgumentException($"'{symbol}' is not a symbol the archive can name.", nameof(symbol));
        return symbol;
    }

    /// <summary><paramref name="path"/> with each segment percent-encoded, ready to be resolved against a base URL.</summary>
    public static string UrlPath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
