using System.Security.Cryptography;
using System.Text;

namespace BinanceSimulator.Archive;

/// <summary>The bytes the archive serves for a file and its .CHECKSUM, defects applied, zips cached.</summary>
public sealed class ArchiveStore
{
    private readonly ArchiveBlobCache _cache;

    public ArchiveStore(ArchiveCatalog catalog, ArchiveBlobCache cache)
    {
        Catalog = catalog;
        _cache = cache;
    }

    public ArchiveCatalog Catalog { get; }

    /// <summary>The whole, correct zip of <paramref name="file"/> (generated once, then cached).</summary>
    public ArchiveBlob Blob(ArchiveFile file) =>
        _cache.GetOrAdd(file.ZipKey, () => ArchiveZipWriter.Write(file.CsvName, Catalog.CsvLines(file), ArchivePeriod.StartOfDay(file.Period.End)));

    /// <summary>The zip bytes as served: cut to half when the file is configured as truncated.</summary>
    public ReadOnlyMemory<byte> ServedZip(ArchiveFile file)
    {
        var zip = Blob(file).Zip;
        return Catalog.IsTruncated(file) ? zip.AsMemory(0, zip.Length / 2) : zip;
    }

    /// <summary><c>&lt;sha256&gt;  &lt;zip name&gt;</c> without a trailing newline, naming a wrong hash when so configured.</summary>
    public string ChecksumText(ArchiveFile file)
    {
        var hash = Blob(file).Sha256;
        if (Catalog.HasChecksumMismatch(file))
            hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(hash)));
        return $"{hash}  {file.ZipName}";
    }
}
