using System.Net;

namespace CandleFunctions.Binance.Tests.Archive;

/// <summary>
/// Passes requests through to the archive, but the first <paramref name="stalls"/> zip responses send their headers
/// and a few bytes of body, then nothing more (a proxy that holds a body open): only a per-attempt timeout ends them.
/// </summary>
internal sealed class StallingHandler(int stalls) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _remaining = stalls;
    private int _zipRequests;

    public int ZipRequests => Volatile.Read(ref _zipRequests);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!request.RequestUri!.AbsolutePath.EndsWith(".zip", StringComparison.Ordinal))
            return response;
        Interlocked.Increment(ref _zipRequests);
        if (Interlocked.Decrement(ref _remaining) < 0)
            return response;
        var stalled = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StreamContent(new StalledStream()) };
        stalled.Content.Headers.ContentLength = response.Content.Headers.ContentLength;
        response.Dispose();
        return stalled;
    }

    /// <summary>Four bytes of a zip's signature, then a read that never completes until it is cancelled.</summary>
    private sealed class StalledStream : Stream
    {
        private bool _sentHead;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sentHead)
            {
                _sentHead = true;
                "PK\u0003\u0004"u8.CopyTo(buffer.Span);
                return 4;
            }
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
