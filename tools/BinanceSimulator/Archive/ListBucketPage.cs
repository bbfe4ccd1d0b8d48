namespace BinanceSimulator.Archive;

/// <summary>One page of an S3 ListObjects (v1) answer.</summary>
public sealed record ListBucketPage(
    string Prefix,
    string Marker,
    string? Delimiter,
    int MaxKeys,
    IReadOnlyList<ListingEntry> Entries,
    bool IsTruncated,
    string? NextMarker);
