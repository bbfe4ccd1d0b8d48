using System.Collections.Concurrent;
using System.Web;

namespace CandleFunctions.Engine.Tests.Support;

/// <summary>Every request the app's activities sent to the exchange, with when it left and how it was answered.</summary>
public sealed class RequestLog : DelegatingHandler
{
    private readonly ConcurrentQueue<SentRequest> _sent = new();

    public RequestLog()
        : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
    }

    public IReadOnlyList<SentRequest> Sent => _sent.OrderBy(r => r.SentAt).ToList();

    /// <summary>klines pages requested (not the limit-1 probes), by symbol and startTime.</summary>
    public IReadOnlyList<SentRequest> Pages => Sent.Where(r => r.Path.EndsWith("/klines", StringComparison.Ordinal) && r.Limit > 1).ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sentAt = DateTimeOffset.UtcNow;
        var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
        var entry = new SentRequest(sentAt, request.RequestUri.AbsolutePath, query["symbol"], ParseLong(query["startTime"]), ParseLong(query["endTime"]), (int)ParseLong(query["limit"]).GetValueOrDefault(), 0);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            _sent.Enqueue(entry with { Status = (int)response.StatusCode });
            return response;
        }
        catch
        {
            _sent.Enqueue(entry);
            throw;
        }
    }

    private static long? ParseLong(string? value) => long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
}
