using System.Xml.Linq;

namespace CandleFunctions.Binance.Archive;

/// <summary>One page of an S3 ListObjects (v1) answer: keys, common prefixes and where to continue.</summary>
internal sealed record S3ListPage(IReadOnlyList<string> Keys, IReadOnlyList<string> CommonPrefixes, bool IsTruncated, string? NextMarker)
{
    private static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    /// <summary>The marker for the next page: NextMarker, else the last key or prefix listed (S3 omits NextMarker without a delimiter).</summary>
    public string? ContinueAfter =>
        !IsTruncated ? null
        : !string.IsNullOrEmpty(NextMarker) ? NextMarker
        : Keys.Concat(CommonPrefixes).DefaultIfEmpty().Max(StringComparer.Ordinal);

    /// <summary>Reads a ListBucketResult document; throws <see cref="FormatException"/> when it is something else.</summary>
    public static S3ListPage Parse(XDocument document)
    {
        var root = document.Root;
        if (root is null || root.Name != Ns + "ListBucketResult")
            throw new FormatException($"Expected an S3 ListBucketResult, got <{root?.Name.LocalName}>.");
        var keys = root.Elements(Ns + "Contents").Select(c => (string?)c.Element(Ns + "Key")).OfType<string>().ToList();
        var prefixes = root.Elements(Ns + "CommonPrefixes").Select(c => (string?)c.Element(Ns + "Prefix")).OfType<string>().ToList();
        var truncated = string.Equals((string?)root.Element(Ns + "IsTruncated"), "true", StringComparison.OrdinalIgnoreCase);
        return new S3ListPage(keys, prefixes, truncated, (string?)root.Element(Ns + "NextMarker"));
    }
}
