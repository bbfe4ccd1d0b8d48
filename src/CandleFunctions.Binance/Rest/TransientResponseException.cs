using System.Net;

namespace CandleFunctions.Binance.Rest;

/// <summary>A response worth retrying: 5xx, 408, or a 4xx without a Binance error code (a proxy's answer, not the exchange's).</summary>
public sealed class TransientResponseException(HttpStatusCode status, string body)
    : Exception($"Binance answered {(int)status}: {Truncate(body)}")
{
    public HttpStatusCode Status { get; } = status;

    private static string Truncate(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
