using System.Xml.Linq;
using BinanceSimulator.Archive;

namespace BinanceSimulator.Tests.Archive;

/// <summary>Test helper: fetches ListBucketResult pages the way an archive client would.</summary>
internal static class S3ListingReader
{
    public sealed record Page(XElement Root, List<(string Key, long Size)> Contents, List<string> CommonPrefixes, bool IsTruncated, string? NextMarker);

    public static async Task<Page> FetchAsync(HttpClient http, string prefix, string? delimiter = "/", string? marker = null)
    {
        var url = $"data.binance.vision?prefix={Uri.EscapeDataString(prefix)}"
                  + (delimiter is null ? "" : $"&delimiter={Uri.EscapeDataString(delimiter)}")
                  + (marker is null ? "" : $"&marker={Uri.EscapeDataString(marker)}");
        var root = XElement.Parse(await http.GetStringAsync(url));
        var ns = S3Xml.Ns;
        return new Page(
            root,
            root.Elements(ns + "Contents").Select(c => (c.Element(ns + "Key")!.Value, long.Parse(c.Element(ns + "Size")!.Value))).ToList(),
            root.Elements(ns + "CommonPrefixes").Select(c => c.Element(ns + "Prefix")!.Value).ToList(),
            root.Element(ns + "IsTruncated")!.Value == "true",
            root.Element(ns + "NextMarker")?.Value);
    }

    /// <summary>Every key and common prefix under <paramref name="prefix"/>, following NextMarker, and the page count.</summary>
    public static async Task<(List<string> Entries, int Pages)> FetchAllAsync(HttpClient http, string prefix, string? delimiter = "/")
    {
        var entries = new List<string>();
        string? marker = null;
        for (var pages = 1; ; pages++)
        {
            var page = await FetchAsync(http, prefix, delimiter, marker);
            entries.AddRange(page.Contents.Select(c => c.Key).Concat(page.CommonPrefixes));
            if (!page.IsTruncated)
                return (entries, pages);
            Assert.NotNull(page.NextMarker);
            marker = page.NextMarker;
        }
    }
}
