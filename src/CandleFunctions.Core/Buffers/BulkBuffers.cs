using System.Buffers;

namespace CandleFunctions.Core.Buffers;

/// <summary>
/// The pool for the large arrays archive files pass through (zips, rows carried as text). Unlike
/// <see cref="ArrayPool{T}.Shared"/> it keeps what it is given instead of trimming itself after every full garbage
/// collection, so a stream of files of about the same size reuses the same arrays and allocates none on the large
/// object heap: those allocations caused the full collections, whose trimming cost more CPU than the parsing. What it
/// keeps is bounded by what was in use at once (the files in flight), and by <see cref="ArraysPerSize"/>.
/// </summary>
public static class BulkBuffers<T>
{
    /// <summary>Arrays kept per size class (a power of two). <value>64</value></summary>
    public const int ArraysPerSize = 64;

    /// <summary>Longest array pooled (elements); a longer one is allocated and dropped. <value>2^24</value></summary>
    public const int MaxLength = 1 << 24;

    /// <summary>The process-wide pool for <typeparamref name="T"/>.</summary>
    public static ArrayPool<T> Pool { get; } = ArrayPool<T>.Create(MaxLength, ArraysPerSize);
}
