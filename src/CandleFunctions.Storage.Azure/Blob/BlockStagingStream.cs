using Azure.Storage.Blobs.Specialized;

namespace CandleFunctions.Storage.Azure.Blob;

/// <summary>A write-only stream that stages what is written as uncommitted blocks of a block blob, one block per filled buffer.</summary>
internal sealed class BlockStagingStream(BlockBlobClient blob, int blockSize, CancellationToken cancellationToken) : Stream
{
    private readonly byte[] _buffer = new byte[blockSize];
    private int _filled;

    /// <summary>The staged blocks, in order.</summary>
    public List<string> BlockIds { get; } = [];

    /// <summary>Bytes written so far.</summary>
    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Written;

    public override long Position
    {
        get => Written;
        set => throw new NotSupportedException();
    }

    /// <summary>A fresh block id; every id of a blob must have the same length, which GUIDs give.</summary>
    public static string NewBlockId() => Convert.ToBase64String(Guid.NewGuid().ToByteArray());

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            buffer = Fill(buffer);
            if (_filled == _buffer.Length)
                StageAsync().GetAwaiter().GetResult();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken token) =>
        WriteAsync(buffer.AsMemory(offset, count), token).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken token = default)
    {
        while (!buffer.IsEmpty)
        {
            var taken = Math.Min(buffer.Length, _buffer.Length - _filled);
            Fill(buffer.Span[..taken]);
            buffer = buffer[taken..];
            if (_filled == _buffer.Length)
                await StageAsync();
        }
    }

    /// <summary>Stages what is still buffered; call once after the last write.</summary>
    public Task CompleteAsync() => _filled > 0 ? StageAsync() : Task.CompletedTask;

    public override void Flush()
    {
        // Blocks are staged when full or on completion: flushing must not cut a block short.
    }

    public override Task FlushAsync(CancellationToken token) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private ReadOnlySpan<byte> Fill(ReadOnlySpan<byte> source)
    {
        var taken = Math.Min(source.Length, _buffer.Length - _filled);
        source[..taken].CopyTo(_buffer.AsSpan(_filled));
        _filled += taken;
        Written += taken;
        return source[taken..];
    }

    private async Task StageAsync()
    {
        var id = NewBlockId();
        using (var content = new MemoryStream(_buffer, 0, _filled, writable: false))
            await blob.StageBlockAsync(id, content, cancellationToken: cancellationToken);
        BlockIds.Add(id);
        _filled = 0;
    }
}
