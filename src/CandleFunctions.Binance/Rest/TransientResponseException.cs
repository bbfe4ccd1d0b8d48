using System.Net;

namespace CandleFunctions.Binance.Rest;

/// <summary>A response worth retrying: 5xx or 408.</summary>
public sealed class TransientResponseException(HttpStatusCode status, string body)
    : Exception($"Binance answered {(int)status}: {Truncate(body)}")
{
    public HttpStatusCode Status { get; } = status;

    private static string Truncate(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
