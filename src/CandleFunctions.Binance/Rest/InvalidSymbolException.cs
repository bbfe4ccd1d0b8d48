using System.Net;

namespace CandleFunctions.Binance.Rest;

/// <summary>The exchange does not know the symbol (-1121).</summary>
public sealed class InvalidSymbolException(string symbol)
    : BinanceApiException(HttpStatusCode.BadRequest, -1121, $"Invalid symbol {symbol}.")
{
    public string Symbol { get; } = symbol;
}
