using BinanceSimulator.Archive;

namespace BinanceSimulator.Tests.Archive;

public class ArchiveBlobCacheTests
{
    private static ArchiveBlob Blob(int size) => new(new byte[size], "");

    [Fact]
    public void GetOrAdd_ReturnsTheCachedBlobWithoutCreatingAgain()
    {
        var cache = new ArchiveBlobCache(100);
        var first = cache.GetOrAdd("a", () => Blob(10));

        var second = cache.GetOrAdd("a", () => throw new InvalidOperationException("should be cached"));

        Assert.Same(first, second);
    }

    [Fact]
    public void GetOrAdd_EvictsTheLeastRecentlyUsedBeyondCapacity()
    {
        var cache = new ArchiveBlobCache(25);
        cache.GetOrAdd("a", () => Blob(10));
        cache.GetOrAdd("b", () => Blob(10));
        cache.GetOrAdd("a", () => Blob(10));
        cache.GetOrAdd("c", () => Blob(10));

        var created = new List<string>();
        cache.GetOrAdd("a", () => { created.Add("a"); return Blob(10); });
        cache.GetOrAdd("b", () => { created.Add("b"); return Blob(10); });

        Assert.Equal(["b"], created);
        Assert.True(cache.Bytes <= 25);
    }
}
