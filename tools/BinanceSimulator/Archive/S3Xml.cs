using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace BinanceSimulator.Archive;

/// <summary>Renders the S3 XML bodies the archive answers with: ListBucketResult and NoSuchKey.</summary>
public static class S3Xml
{
    /// <summary>The S3 document namespace.</summary>
    public static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    /// <summary>The bucket name the listing reports.</summary>
    public const string BucketName = "data.binance.vision";

    // Compressed bytes per one-minute row of a generated zip (42.6-44.1 measured); listing sizes are estimates.
    private const int ZipBytesPerMinute = 43;

    public static string ListBucketResult(ListBucketPage page, ArchiveCatalog catalog)
    {
        var root = new XElement(Ns + "ListBucketResult",
            new XElement(Ns + "Name", BucketName),
            new XElement(Ns + "Prefix", page.Prefix),
            new XElement(Ns + "Marker", page.Marker),
            new XElement(Ns + "MaxKeys", page.MaxKeys),
            page.Delimiter is null ? null : new XElement(Ns + "Delimiter", page.Delimiter),
            new XElement(Ns + "IsTruncated", page.IsTruncated ? "true" : "false"),
            page.NextMarker is null ? null : new XElement(Ns + "NextMarker", page.NextMarker));
        foreach (var entry in page.Entries.Where(e => !e.IsCommonPrefix))
        {
            var file = entry.File!;
            root.Add(new XElement(Ns + "Contents",
                new XElement(Ns + "Key", entry.Key),
                new XElement(Ns + "LastModified", catalog.PublishedAt(file).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
                new XElement(Ns + "ETag", ETag(entry.Key)),
                new XElement(Ns + "Size", entry.IsChecksum ? ChecksumSize(file) : EstimatedZipSize(file)),
                new XElement(Ns + "StorageClass", "STANDARD")));
        }
        foreach (var entry in page.Entries.Where(e => e.IsCommonPrefix))
            root.Add(new XElement(Ns + "CommonPrefixes", new XElement(Ns + "Prefix", entry.Key)));
        return Document(root);
    }

    public static string NoSuchKey(string key) => Document(new XElement("Error",
        new XElement("Code", "NoSuchKey"),
        new XElement("Message", "The specified key does not exist."),
        new XElement("Key", key),
        new XElement("RequestId", "SIMULATOR"),
        new XElement("HostId", "BinanceSimulator")));

    /// <summary>
    /// A stable quoted ETag. Real S3 gives the content MD5; hashing the key avoids generating every zip to list
    /// a folder, and clients only compare ETags for equality.
    /// </summary>
    public static string ETag(string key) => $"\"{Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(key)))}\"";

    /// <summary>Exact: 64 hex digits, two spaces and the zip name.</summary>
    public static long ChecksumSize(ArchiveFile file) => 64 + 2 + file.ZipName.Length;

    /// <summary>An estimate from the period's length; exact sizes would need every zip generated.</summary>
    public static long EstimatedZipSize(ArchiveFile file) => 200 + file.Period.Range.Minutes * ZipBytesPerMinute;

    private static string Document(XElement root) =>
        new XDeclaration("1.0", "UTF-8", null) + "\n" + root.ToString(SaveOptions.DisableFormatting);
}
