using System.Globalization;
using System.Text.Json;
using BinanceSimulator.Market;

namespace BinanceSimulator.Rest.Endpoints;

/// <summary>One exchangeInfo symbol object with every field mainnet sends (2021 and 2025 shapes combined).</summary>
public static class SymbolInfoWriter
{
    private static readonly string[] OrderTypes = ["LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"];
    private static readonly string[] TimeInForce = ["GTC", "IOC", "FOK", "GTX", "GTD"];
    private static readonly string[] PermissionSets = ["GRID", "COPY"];

    public static void Write(Utf8JsonWriter w, SimSymbol s)
    {
        w.WriteStartObject();
        w.WriteString("symbol", s.Symbol);
        w.WriteString("pair", s.PairName);
        w.WriteString("contractType", s.ContractType);
        w.WriteNumber("deliveryDate", s.DeliveryDate.ToUnixTimeMilliseconds());
        w.WriteNumber("onboardDate", s.OnboardDate.ToUnixTimeMilliseconds());
        w.WriteString("status", s.Status);
        w.WriteString("maintMarginPercent", "2.5000");
        w.WriteString("requiredMarginPercent", "5.0000");
        w.WriteString("baseAsset", s.BaseAsset);
        w.WriteString("quoteAsset", s.QuoteAsset);
        w.WriteString("marginAsset", s.MarginAsset);
        w.WriteNumber("pricePrecision", s.PricePrecision);
        w.WriteNumber("quantityPrecision", s.QuantityPrecision);
        w.WriteNumber("baseAssetPrecision", 8);
        w.WriteNumber("quotePrecision", 8);
        w.WriteString("underlyingType", s.UnderlyingType);
        w.WriteStartArray("underlyingSubType");
        if (s.ContractType == "TRADIFI_PERPETUAL")
            w.WriteStringValue("TradFi");
        w.WriteEndArray();
        w.WriteNumber("settlePlan", 0);
        w.WriteString("triggerProtect", "0.0500");
        w.WriteString("liquidationFee", "0.015000");
        w.WriteString("marketTakeBound", "0.05");
        w.WriteNumber("maxMoveOrderLimit", 10000);
        WriteFilters(w, s);
        WriteStrings(w, "orderTypes", OrderTypes);
        WriteStrings(w, "timeInForce", TimeInForce);
        WriteStrings(w, "permissionSets", PermissionSets);
        w.WriteEndObject();
    }

    private static void WriteFilters(Utf8JsonWriter w, SimSymbol s)
    {
        var tick = Step(s.PricePrecision);
        var step = Step(s.QuantityPrecision);
        w.WriteStartArray("filters");
        WriteFilter(w, "PRICE_FILTER", ("minPrice", Format(s.BasePrice / 100m, s.PricePrecision)), ("maxPrice", Format(s.BasePrice * 100m, s.PricePrecision)), ("tickSize", tick));
        WriteFilter(w, "LOT_SIZE", ("stepSize", step), ("maxQty", "1000000"), ("minQty", step));
        WriteFilter(w, "MARKET_LOT_SIZE", ("stepSize", step), ("maxQty", "100000"), ("minQty", step));
        WriteLimitFilter(w, "MAX_NUM_ORDERS", 200);
        WriteLimitFilter(w, "MAX_NUM_ALGO_ORDERS", 10);
        WriteFilter(w, "MIN_NOTIONAL", ("notional", "5"));
        WriteFilter(w, "PERCENT_PRICE", ("multiplierUp", "1.0500"), ("multiplierDown", "0.9500"), ("multiplierDecimal", "4"));
        w.WriteEndArray();
    }

    private static void WriteFilter(Utf8JsonWriter w, string type, params (string Name, string Value)[] fields)
    {
        w.WriteStartObject();
        w.WriteString("filterType", type);
        foreach (var (name, value) in fields)
            w.WriteString(name, value);
        w.WriteEndObject();
    }

    private static void WriteLimitFilter(Utf8JsonWriter w, string type, int limit)
    {
        w.WriteStartObject();
        w.WriteString("filterType", type);
        w.WriteNumber("limit", limit);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
            w.WriteStringValue(value);
        w.WriteEndArray();
    }

    private static string Step(int decimals) => decimals == 0 ? "1" : Format(1m / Pow10(decimals), decimals);

    private static decimal Pow10(int n) => Enumerable.Range(0, n).Aggregate(1m, (acc, _) => acc * 10m);

    private static string Format(decimal value, int decimals) =>
        Math.Round(value, decimals).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
