namespace BinanceSimulator.Rest;

/// <summary>The REST endpoints the simulator serves under /fapi/v1/.</summary>
public enum RestEndpoint
{
    Ping,
    Time,
    ExchangeInfo,
    Klines,
}
