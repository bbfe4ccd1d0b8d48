namespace BinanceSimulator.Archive;

/// <summary>
/// S3 ListObjects (v1) over the archive's virtual bucket: keys in ordinal order, rolled up into common
/// prefixes at the delimiter, paged after a marker. Walks symbols lazily, so a page costs little.
/// </summary>
public sealed class ArchiveListing
{
    private static readonly ArchivePeriodKind[] Kinds = [ArchivePeriodKind.Daily, ArchivePeriodKind.Monthly];
    private readonly ArchiveCatalog _catalog;

    public ArchiveListing(ArchiveCatalog catalog) => _catalog = catalog;

    /// <summary>The page of entries after <paramref name="marker"/> under <paramref name="prefix"/> as of <paramref name="now"/>.</summary>
    public ListBucketPage List(string prefix, string? delimiter, string marker, int maxKeys, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(delimiter))
            delimiter = null;
        var entries = new List<ListingEntry>(Math.Min(maxKeys, 1024) + 1);
        foreach (var entry in Entries(prefix, delimiter, marker, now))
        {
            // S3 lists what sorts after the marker; a common prefix at or before it was already listed.
            if (string.CompareOrdinal(entry.Key, marker) > 0)
                entries.Add(entry);
            if (entries.Count > maxKeys)
                break;
        }
        var truncated = entries.Count > maxKeys;
        if (truncated)
            entries.RemoveAt(entries.Count - 1);
        return new ListBucketPage(prefix, marker, delimiter, maxKeys, entries, truncated, truncated ? entries[^1].Key : null);
    }

    private IEnumerable<ListingEntry> Entries(string prefix, string? delimiter, string marker, DateTimeOffset now)
    {
        string? lastPrefix = null;
        foreach (var kind in Kinds)
        {
            var symbols = _catalog.ArchivedSymbols
                .Select(s => (Symbol: s, Dir: ArchiveFile.Directory(kind, s.Symbol)))
                .OrderBy(s => s.Dir, StringComparer.Ordinal);
            foreach (var (symbol, dir) in symbols)
            {
                if (!(dir.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(dir, StringComparison.Ordinal)) || IsEntirelyBefore(dir, marker))
                    continue;
                // When the folder itself rolls up, one existing file is enough to show the common prefix.
                if (RollUp(dir, prefix, delimiter) is { } folderPrefix)
                {
                    if (folderPrefix != lastPrefix && _catalog.Files(symbol, kind, now).Any())
                    {
                        lastPrefix = folderPrefix;
                        yield return new ListingEntry(folderPrefix, null);
                    }
                    continue;
                }
                foreach (var file in _catalog.Files(symbol, kind, now))
                {
                    foreach (var key in (string[])[file.ZipKey, file.ChecksumKey])
                    {
                        if (!key.StartsWith(prefix, StringComparison.Ordinal))
                            continue;
                        if (RollUp(key, prefix, delimiter) is { } keyPrefix)
                        {
                            if (keyPrefix != lastPrefix)
                            {
                                lastPrefix = keyPrefix;
                                yield return new ListingEntry(keyPrefix, null);
                            }
                        }
                        else
                        {
                            yield return new ListingEntry(key, file);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The common prefix <paramref name="path"/> falls under, or null when it is listed itself.</summary>
    private static string? RollUp(string path, string prefix, string? delimiter)
    {
        if (delimiter is null || path.Length <= prefix.Length || !path.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        var at = path.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
        return at < 0 ? null : path[..(at + delimiter.Length)];
    }

    /// <summary>True when every key under <paramref name="dir"/> sorts at or before <paramref name="marker"/>.</summary>
    private static bool IsEntirelyBefore(string dir, string marker) =>
        string.CompareOrdinal(dir, marker) < 0 && !marker.StartsWith(dir, StringComparison.Ordinal);
}
