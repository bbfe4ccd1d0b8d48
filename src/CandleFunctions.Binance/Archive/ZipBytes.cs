using System.Buffers;

namespace CandleFunctions.Binance.Archive;

/// <summary>A downloaded zip held in a pooled buffer (a month's zip is megabytes; many are in flight at once); dispose returns it.</summary>
internal sealed class ZipBytes : IDisposable
{
    private byte[] _buffer;

    public ZipBytes(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 4096));

    public int Length { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_buffer.Length - Length < bytes.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, Length + bytes.Length));
            _buffer.AsSpan(0, Length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
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
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        Length = 0;
    }
}
