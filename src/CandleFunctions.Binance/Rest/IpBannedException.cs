namespace CandleFunctions.Binance.Rest;

/// <summary>A 418: the IP is banned until <see cref="Until"/>. Nothing may be sent before then.</summary>
public sealed class IpBannedException(DateTimeOffset until)
    : Exception($"Binance banned this IP until {until:yyyy-MM-dd HH:mm:ss} UTC (HTTP 418).")
{
    public DateTimeOffset Until { get; } = until;
}
