namespace CandleFunctions.Binance.Tests.Rest;

/// <summary>Records when each request left the client and how it was answered.</summary>
internal sealed class RequestLog : DelegatingHandler
{
    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset Sent, DateTimeOffset Answered, int Status)> _entries = [];

    public RequestLog()
        : base(new SocketsHttpHandler())
    {
    }

    public IReadOnlyList<(DateTimeOffset Sent, DateTimeOffset Answered, int Status)> Entries
    {
        get
        {
            lock (_gate)
                return [.. _entries];
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = DateTimeOffset.UtcNow;
        var response = await base.SendAsync(request, cancellationToken);
        lock (_gate)
            _entries.Add((sent, DateTimeOffset.UtcNow, (int)response.StatusCode));
        return response;
    }
}
