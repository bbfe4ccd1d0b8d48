namespace BinanceSimulator.Archive;

/// <summary>Thread-safe tallies of archive traffic, for tests and benchmarks.</summary>
public sealed class ArchiveCounters
{
    private long _requests;
    private long _listRequests;
    private long _notFound;
    private long _bytesServed;

    /// <summary>All archive requests: zips, checksums, listings and misses.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Listing (ListObjects) requests, a subset of <see cref="Requests"/>.</summary>
    public long ListRequests => Interlocked.Read(ref _listRequests);

    /// <summary>Requests answered 404 NoSuchKey.</summary>
    public long NotFound => Interlocked.Read(ref _notFound);

    /// <summary>Response body bytes written.</summary>
    public long BytesServed => Interlocked.Read(ref _bytesServed);

    internal void CountRequest() => Interlocked.Increment(ref _requests);

    internal void CountListRequest() => Interlocked.Increment(ref _listRequests);

    internal void CountNotFound() => Interlocked.Increment(ref _notFound);

    internal void CountBytes(long bytes) => Interlocked.Add(ref _bytesServed, bytes);
}
