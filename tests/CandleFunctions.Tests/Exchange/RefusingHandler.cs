using System.Net;
using System.Text;

namespace CandleFunctions.Tests.Exchange;

/// <summary>
/// Something in front of the simulator that refuses the first <paramref name="refusals"/> requests with
/// <paramref name="refuse"/>'s answer (a firewall's bare 403 page by default); every request's departure is logged.
/// </summary>
internal sealed class RefusingHandler(int refusals, Func<HttpResponseMessage>? refuse = null) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset Sent, DateTimeOffset Answered, int Status)> _log = [];
    private readonly Func<HttpResponseMessage> _refuse = refuse ?? FirewallPage;
    private int _remaining = refusals;

    public IReadOnlyList<(DateTimeOffset Sent, DateTimeOffset Answered, int Status)> Log
    {
        get
        {
            lock (_gate)
                return [.. _log];
        }
    }

    /// <summary>The exchange's 429 with its error body and a Retry-After.</summary>
    public static HttpResponseMessage TooManyRequests(TimeSpan retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent("{\"code\":-1003,\"msg\":\"Too many requests; please use the websocket for live updates.\"}", Encoding.UTF8, "application/json"),
        };
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        return response;
    }

    /// <summary>The exchange's 418: the IP is banned until <paramref name="until"/> (server time), said in its message.</summary>
    public static HttpResponseMessage Banned(DateTimeOffset until)
    {
        var message = $"Way too many requests; IP(203.0.113.7) banned until {until.ToUnixTimeMilliseconds()}. Please use the websocket for live updates to avoid bans.";
        return new HttpResponseMessage((HttpStatusCode)418)
        {
            Content = new StringContent($"{{\"code\":-1003,\"msg\":\"{message}\"}}", Encoding.UTF8, "application/json"),
        };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = DateTimeOffset.UtcNow;
        var response = Interlocked.Decrement(ref _remaining) >= 0 ? _refuse() : await base.SendAsync(request, cancellationToken);
        lock (_gate)
            _log.Add((sent, DateTimeOffset.UtcNow, (int)response.StatusCode));
        return response;
    }

    private static HttpResponseMessage FirewallPage() =>
        new(HttpStatusCode.Forbidden) { Content = new StringContent("<html><body>403 Forbidden</body></html>", Encoding.UTF8, "text/html") };
}
