namespace BinanceSimulator.Archive;

/// <summary>One row of a bucket listing: an object key (with its file) or a common prefix.</summary>
public sealed record ListingEntry(string Key, ArchiveFile? File)
{
    public bool IsCommonPrefix => File is null;

    public bool IsChecksum => Key.EndsWith(".CHECKSUM", StringComparison.Ordinal);
}
