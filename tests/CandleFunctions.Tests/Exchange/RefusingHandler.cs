using System.Net;
using System.Text;

namespace CandleFunctions.Tests.Exchange;

/// <summary>A firewall in front of the simulator: the first <paramref name="refusals"/> requests get a bare 403 page; every request's departure is logged.</summary>
internal sealed class RefusingHandler(int refusals) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset Sent, DateTimeOffset Answered, int Status)> _log = [];
    private int _remaining = refusals;

    public IReadOnlyList<(DateTimeOffset Sent, DateTimeOffset Answered, int Status)> Log
    {
        get
        {
            lock (_gate)
                return [.. _log];
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = DateTimeOffset.UtcNow;
        var response = Interlocked.Decrement(ref _remaining) >= 0
            ? new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("<html><body>403 Forbidden</body></html>", Encoding.UTF8, "text/html") }
            : await base.SendAsync(request, cancellationToken);
        lock (_gate)
            _log.Add((sent, DateTimeOffset.UtcNow, (int)response.StatusCode));
        return response;
    }
}
