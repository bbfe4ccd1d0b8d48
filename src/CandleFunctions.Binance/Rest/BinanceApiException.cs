using System.Net;

namespace CandleFunctions.Binance.Rest;

/// <summary>The exchange refused a request with an error that retrying will not fix.</summary>
public class BinanceApiException(HttpStatusCode status, int code, string message)
    : Exception($"Binance answered {(int)status}: {message} (code {code})")
{
    public HttpStatusCode Status { get; } = status;

    public int Code { get; } = code;

    public string ExchangeMessage { get; } = message;
}
