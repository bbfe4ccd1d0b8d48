using System.Net;

namespace CandleFunctions.Binance.Tests.Archive;

/// <summary>Fails the first requests (503, or a dropped connection) before passing the rest to the real network.</summary>
internal sealed class FlakyHandler(int failures, bool dropConnection) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _remaining = failures;

    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        if (Interlocked.Decrement(ref _remaining) < 0)
            return base.SendAsync(request, cancellationToken);
        if (dropConnection)
            throw new HttpRequestException("The connection was reset (injected).");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request });
    }
}
