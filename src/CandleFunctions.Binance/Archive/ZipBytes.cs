using CandleFunctions.Core.Buffers;

namespace CandleFunctions.Binance.Archive;

/// <summary>A downloaded zip held in a pooled buffer (<see cref="BulkBuffers{T}"/>) (a month's zip is megabytes; many are in flight at once); dispose returns it.</summary>
internal sealed class ZipBytes : IDisposable
{
    private byte[] _buffer;

    public ZipBytes(int capacity) => _buffer = BulkBuffers<byte>.Pool.Rent(Math.Max(capacity, 4096));

    public int Length { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_buffer.Length - Length < bytes.Length)
        {
            var bigger = BulkBuffers<byte>.Pool.Rent(Math.Max(_buffer.Length * 2, Length + bytes.Length));
            _buffer.AsSpan(0, Length).CopyTo(bigger);
            BulkBuffers<byte>.Pool.Return(_buffer);
            _buffer = bigger;
        }
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>A read-only stream over the bytes; valid until this is disposed.</summary>
    public Stream Open() => new MemoryStream(_buffer, 0, Length, writable: false);

    public void Dispose()
    {
        if (_buffer.Length == 0)
            return;
        BulkBuffers<byte>.Pool.Return(_buffer);
        _buffer = [];
        Length = 0;
    }
}
