namespace BinanceSimulator.Archive;

/// <summary>A thread-safe least-recently-used cache of generated zips, bounded by their total bytes.</summary>
public sealed class ArchiveBlobCache
{
    private readonly long _capacityBytes;
    private readonly Dictionary<string, LinkedListNode<(string Key, ArchiveBlob Blob)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, ArchiveBlob Blob)> _recency = new();
    private readonly Lock _lock = new();
    private long _bytes;

    public ArchiveBlobCache(long capacityBytes) => _capacityBytes = capacityBytes;

    /// <summary>Bytes held now.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
                return _bytes;
        }
    }

    /// <summary>The cached blob for <paramref name="key"/>, or one made by <paramref name="create"/> (outside the lock) and kept.</summary>
    public ArchiveBlob GetOrAdd(string key, Func<ArchiveBlob> create)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(key, out var hit))
            {
                _recency.Remove(hit);
                _recency.AddFirst(hit);
                return hit.Value.Blob;
            }
        }
        // Generation is deterministic, so two threads racing on one key make equal blobs; either may stay.
        var blob = create();
        lock (_lock)
        {
            if (_index.ContainsKey(key) || blob.Zip.Length > _capacityBytes)
                return blob;
            _index[key] = _recency.AddFirst((key, blob));
            _bytes += blob.Zip.Length;
            while (_bytes > _capacityBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _index.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Blob.Zip.Length;
            }
        }
        return blob;
    }
}
