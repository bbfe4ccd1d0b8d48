using System.Globalization;

namespace CandleFunctions.Binance.Archive;

/// <summary>Reads a <c>.CHECKSUM</c> file: <c>&lt;sha256 hex&gt;  &lt;zip name&gt;</c>, with or without a final newline.</summary>
internal static class ArchiveChecksum
{
    /// <summary>The lower-case hash named for <paramref name="fileName"/>, or null with a reason when the text is not that.</summary>
    public static string? TryParse(string text, string fileName, out string reason)
    {
        var parts = text.Trim().Split((char[])[' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
        var hash = parts.Length > 0 ? parts[0] : "";
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
        {
            reason = $"checksum file for {fileName} does not start with a SHA-256 hex digest";
            return null;
        }
        // sha256sum marks binary mode with a leading '*'.
        var name = parts.Length > 1 ? parts[1].Trim().TrimStart('*') : fileName;
        if (!string.Equals(name, fileName, StringComparison.Ordinal))
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"checksum file names '{name}', not {fileName}");
            return null;
        }
        reason = "";
        return hash.ToLowerInvariant();
    }
}
