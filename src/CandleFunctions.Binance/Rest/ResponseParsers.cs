using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.RateLimiting;
using CandleFunctions.Core.Symbols;

namespace CandleFunctions.Binance.Rest;

/// <summary>Parses the exchange's JSON bodies. A body that does not parse throws <see cref="MalformedResponseException"/> (retried as transient).</summary>
internal static partial class ResponseParsers
{
    /// <summary>Runs <paramref name="parse"/> on a 200 body, turning any failure to read it into <see cref="MalformedResponseException"/>.</summary>
    public static T Parse<T>(string body, Func<string, T> parse)
    {
        try
        {
            return parse(body);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException
                                      or FormatException or OverflowException or ArgumentException)
        {
            var shown = body.Length <= 80 ? body : body[..80] + "…";
            throw new MalformedResponseException($"Binance sent a body that does not parse ({body.Length} chars: {shown}): {e.Message}", e);
        }
    }

    public static IReadOnlyList<Kline> ParseKlines(string body)
    {
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
            throw new JsonException("klines response is not an array");
        var rows = new List<Kline>(doc.RootElement.GetArrayLength());
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() < 7)
                throw new JsonException("kline row is not a 12-element array");
            rows.Add(new Kline(
                row[0].GetInt64(),
                Decimal(row[1]),
                Decimal(row[2]),
                Decimal(row[3]),
                Decimal(row[4]),
                Decimal(row[5]),
                row[6].GetInt64(),
                row.GetArrayLength() >= 11 ? new KlineExtras(Decimal(row[7]), Integer(row[8]), Decimal(row[9]), Decimal(row[10])) : null));
        }
        return rows;
    }

    public static ExchangeInfo ParseExchangeInfo(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var serverTime = DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("serverTime").GetInt64());
        var limits = new List<RateLimitRule>();
        foreach (var limit in root.GetProperty("rateLimits").EnumerateArray())
        {
            if (limit.GetProperty("rateLimitType").GetString() != "REQUEST_WEIGHT")
                continue;
            limits.Add(RateLimitRule.FromExchangeInfo(
                limit.GetProperty("interval").GetString() ?? "",
                limit.GetProperty("intervalNum").GetInt32(),
                limit.GetProperty("limit").GetInt32()));
        }
        var symbols = new Dictionary<string, ExchangeSymbol>(StringComparer.Ordinal);
        foreach (var s in root.GetProperty("symbols").EnumerateArray())
        {
            var symbol = new ExchangeSymbol(
                s.GetProperty("symbol").GetString() ?? "",
                s.TryGetProperty("pair", out var pair) ? pair.GetString() ?? "" : "",
                s.TryGetProperty("contractType", out var ct) ? ct.GetString() ?? "" : "",
                s.TryGetProperty("status", out var st) ? st.GetString() ?? "" : "",
                s.TryGetProperty("quoteAsset", out var qa) ? qa.GetString() ?? "" : "",
                s.TryGetProperty("marginAsset", out var ma) ? ma.GetString() ?? "" : "",
                Ms(s, "onboardDate"),
                Ms(s, "deliveryDate"));
            symbols[symbol.Symbol] = symbol;
        }
        if (limits.Count == 0)
            throw new JsonException("exchangeInfo lists no REQUEST_WEIGHT rate limit");
        return new ExchangeInfo(serverTime, limits, symbols);
    }

    public static DateTimeOffset ParseServerTime(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return DateTimeOffset.FromUnixTimeMilliseconds(doc.RootElement.GetProperty("serverTime").GetInt64());
    }

    /// <summary>Reads {"code":..,"msg":..}; tolerates bodies that are not JSON.</summary>
    public static (int Code, string Message) ParseError(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var code = doc.RootElement.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
            var msg = doc.RootElement.TryGetProperty("msg", out var m) ? m.GetString() ?? "" : body;
            return (code, msg);
        }
        catch (JsonException)
        {
            return (0, body.Length <= 200 ? body : body[..200]);
        }
    }

    /// <summary>The ban end from "... banned until 1615183669840 ...", if present.</summary>
    public static DateTimeOffset? ParseBannedUntil(string message)
    {
        var match = BannedUntil().Match(message);
        return match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
    }

    private static decimal Decimal(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => decimal.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.Number => element.GetDecimal(),
        _ => throw new JsonException($"expected a number, got {element.ValueKind}"),
    };

    private static long Integer(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => long.Parse(element.GetString()!, NumberStyles.None, CultureInfo.InvariantCulture),
        JsonValueKind.Number => element.GetInt64(),
        _ => throw new JsonException($"expected an integer, got {element.ValueKind}"),
    };

    private static DateTimeOffset Ms(JsonElement symbol, string name) =>
        symbol.TryGetProperty(name, out var v) && v.TryGetInt64(out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MinValue;

    [GeneratedRegex(@"banned until (\d{10,})", RegexOptions.IgnoreCase)]
    private static partial Regex BannedUntil();
}
