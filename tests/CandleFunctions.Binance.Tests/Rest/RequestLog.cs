namespace CandleFunctions.Binance.Tests.Rest;

/// <summary>Records when each request left and was answered, and whether the client had already seen a 429 when it left.</summary>
internal sealed class RequestLog : DelegatingHandler
{
    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset Sent, DateTimeOffset Answered, int Status, bool After429)> _entries = [];

    public RequestLog()
        : base(new SocketsHttpHandler())
    {
    }

    /// <summary>Read as each request leaves: has the client already been told of a 429?</summary>
    public Func<bool> Seen429 { get; set; } = () => false;

    public IReadOnlyList<(DateTimeOffset Sent, DateTimeOffset Answered, int Status, bool After429)> Entries
    {
        get
        {
            lock (_gate)
                return [.. _entries];
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var after429 = Seen429();
        var sent = DateTimeOffset.UtcNow;
        var response = await base.SendAsync(request, cancellationToken);
        lock (_gate)
            _entries.Add((sent, DateTimeOffset.UtcNow, (int)response.StatusCode, after429));
        return response;
    }
}
