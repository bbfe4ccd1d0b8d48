using System.Text.Json;
using BinanceSimulator.Market;

namespace BinanceSimulator.Rest.Endpoints;

/// <summary>GET /fapi/v1/exchangeInfo in the real shape; lists only symbols still in exchangeInfo.</summary>
public static class ExchangeInfoEndpoint
{
    public static RestReply Serve(RestOptions options, SimulatedMarket market, DateTimeOffset now) => RestReply.Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("timezone", "UTC");
        w.WriteNumber("serverTime", now.ToUnixTimeMilliseconds());
        w.WriteString("futuresType", "U_MARGINED");
        WriteRateLimits(w, options);
        w.WriteStartArray("exchangeFilters");
        w.WriteEndArray();
        WriteAssets(w, market);
        w.WriteStartArray("symbols");
        foreach (var symbol in market.Symbols.Where(s => s.InExchangeInfo))
            SymbolInfoWriter.Write(w, symbol);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteRateLimits(Utf8JsonWriter w, RestOptions options)
    {
        w.WriteStartArray("rateLimits");
        WriteRateLimit(w, "REQUEST_WEIGHT", options.Interval, options.IntervalNum, options.WeightLimit);
        WriteRateLimit(w, "ORDERS", "MINUTE", 1, 1200);
        WriteRateLimit(w, "ORDERS", "SECOND", 10, 300);
        w.WriteEndArray();
    }

    private static void WriteRateLimit(Utf8JsonWriter w, string type, string interval, int intervalNum, int limit)
    {
        w.WriteStartObject();
        w.WriteString("rateLimitType", type);
        w.WriteString("interval", interval);
        w.WriteNumber("intervalNum", intervalNum);
        w.WriteNumber("limit", limit);
        w.WriteEndObject();
    }

    private static void WriteAssets(Utf8JsonWriter w, SimulatedMarket market)
    {
        // Margin assets of the listed symbols, plus the collateral assets mainnet always shows.
        var assets = new[] { "USDT", "BTC", "BNB", "ETH" }
            .Concat(market.Symbols.Where(s => s.InExchangeInfo).Select(s => s.MarginAsset))
            .Distinct(StringComparer.Ordinal);
        w.WriteStartArray("assets");
        foreach (var asset in assets)
        {
            w.WriteStartObject();
            w.WriteString("asset", asset);
            w.WriteBoolean("marginAvailable", true);
            w.WriteString("autoAssetExchange", asset is "USDT" or "USDC" ? "-10000" : "-0.00100000");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
