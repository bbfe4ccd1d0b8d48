using System.Numerics;
using CandleFunctions.Core.Buffers;

namespace CandleFunctions.Binance.Archive;

/// <summary>
/// A downloaded zip held in a pooled buffer (<see cref="BulkBuffers{T}"/>) (a month's zip is megabytes; many are in
/// flight at once). With an <see cref="ArchiveHold"/>, every array it rents is charged to the hold's budget first
/// (waiting while the budget is spent); dispose returns the array and the bytes.
/// </summary>
internal sealed class ZipBytes : IDisposable
{
    private const int MinCapacity = 4096;

    private readonly ArchiveHold? _hold;
    private byte[] _buffer;

    private ZipBytes(byte[] buffer, ArchiveHold? hold)
    {
        _buffer = buffer;
        _hold = hold;
    }

    public int Length { get; private set; }

    /// <summary>An empty buffer of at least <paramref name="capacity"/> bytes, charged to <paramref name="hold"/> when given.</summary>
    public static async Task<ZipBytes> CreateAsync(int capacity, ArchiveHold? hold, CancellationToken cancellationToken)
    {
        var size = PooledLength(Math.Max(capacity, MinCapacity));
        if (hold is not null)
            await hold.ChargeAsync(size, cancellationToken);
        return new ZipBytes(Rent(size), hold);
    }

    /// <summary>True when <paramref name="more"/> bytes can be appended without growing.</summary>
    public bool Fits(int more) => _buffer.Length - Length >= more;

    /// <summary>Grows the buffer to take <paramref name="more"/> bytes (a response without a length).</summary>
    public async Task GrowAsync(int more, CancellationToken cancellationToken)
    {
        var size = PooledLength(Math.Max(_buffer.Length * 2, Length + more));
        if (_hold is not null)
            await _hold.ChargeAsync(size, cancellationToken);
        var bigger = Rent(size);
        _buffer.AsSpan(0, Length).CopyTo(bigger);
        Return(_buffer);
        _buffer = bigger;
    }

    /// <summary>Appends bytes that fit (see <see cref="Fits"/>).</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (!Fits(bytes.Length))
            throw new InvalidOperationException("The zip buffer was not grown first.");
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>A read-only stream over the bytes; valid until this is disposed.</summary>
    public Stream Open() => new MemoryStream(_buffer, 0, Length, writable: false);

    public void Dispose()
    {
        if (_buffer.Length == 0)
            return;
        Return(_buffer);
        _buffer = [];
        Length = 0;
    }

    /// <summary>The length of the array the pool hands out for <paramref name="length"/> bytes (a power of two).</summary>
    private static int PooledLength(int length) =>
        length <= BulkBuffers<byte>.MaxLength ? (int)BitOperations.RoundUpToPowerOf2((uint)length) : length;

    // The pool hands out exactly the size asked for a power of two up to its largest, and above that an array of the
    // size asked: what was charged is what is held.
    private static byte[] Rent(int size) => BulkBuffers<byte>.Pool.Rent(size);

    private void Return(byte[] array)
    {
        BulkBuffers<byte>.Pool.Return(array);
        _hold?.Release(array.Length);
    }
}
