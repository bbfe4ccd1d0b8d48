using System.Net;
using System.Text;

namespace CandleFunctions.Binance.Tests.Rest;

/// <summary>
/// A misbehaving proxy in front of the simulator: the first <paramref name="count"/> requests get its own answer
/// (a status and a body that is not what the exchange sends) with the simulator's headers; the rest pass through.
/// </summary>
internal sealed class ProxyBodyHandler(int count, HttpStatusCode status, string body) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _remaining = count;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Interlocked.Decrement(ref _remaining) < 0)
            return response;
        response.StatusCode = status;
        response.Content = new StringContent(body, Encoding.UTF8, body.StartsWith('<') ? "text/html" : "application/json");
        return response;
    }
}
