using System.Globalization;
using System.Text.Json;
using BinanceSimulator.Market;
using CandleFunctions.Core.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace BinanceSimulator.Rest.Endpoints;

/// <summary>
/// GET /fapi/v1/klines, 1m only: startTime and endTime filter open time inclusively; with only
/// startTime the first <c>limit</c> candles from it, otherwise the last <c>limit</c> up to endTime
/// (or now), always ascending. Other valid intervals are refused with -1120.
/// </summary>
public static class KlinesEndpoint
{
    private static readonly HashSet<string> KnownIntervals =
        ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1M"];

    /// <summary>The request's weight, known before it is served (by its limit; malformed limits cost 1).</summary>
    public static int Weight(IQueryCollection query)
    {
        if (!query.TryGetValue("limit", out var raw))
            return KlineWeights.ForLimit(KlineWeights.DefaultLimit);
        return int.TryParse(raw.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1
            ? KlineWeights.ForLimit(limit)
            : 1;
    }

    public static RestReply Serve(IQueryCollection query, SimulatedMarket market, DateTimeOffset now)
    {
        var symbolName = query["symbol"].ToString();
        if (symbolName.Length == 0)
            return RestErrors.MandatoryParameter("symbol");
        var interval = query["interval"].ToString();
        if (interval.Length == 0)
            return RestErrors.MandatoryParameter("interval");
        if (market.Find(symbolName) is not { InExchangeInfo: true } symbol)
            return RestErrors.InvalidSymbol();
        if (!KnownIntervals.Contains(interval) || interval != "1m")
            return RestErrors.InvalidInterval();
        if (!TryLong(query, "startTime", out var start) || !TryLong(query, "endTime", out var end) || !TryLong(query, "limit", out var limitValue))
            return RestErrors.IllegalCharacters(FirstMalformed(query));
        var limit = limitValue ?? KlineWeights.DefaultLimit;
        if (limit is < 1 or > KlineWeights.MaxLimit)
            return RestErrors.InvalidParameter("limit");
        if (start > end)
            return RestErrors.StartAfterEnd();

        var take = (int)limit;
        var candles = start is { } from
            ? market.ServeAscending(symbol, from, end ?? long.MaxValue, now).Take(take).ToList()
            : market.ServeDescending(symbol, 0, end ?? now.ToUnixTimeMilliseconds(), now).Take(take).Reverse().ToList();
        return RestReply.Json(w => WriteRows(w, candles));
    }

    private static void WriteRows(Utf8JsonWriter w, IReadOnlyList<SimCandle> candles)
    {
        w.WriteStartArray();
        foreach (var c in candles)
        {
            w.WriteStartArray();
            w.WriteNumberValue(c.OpenTime);
            w.WriteStringValue(c.Open);
            w.WriteStringValue(c.High);
            w.WriteStringValue(c.Low);
            w.WriteStringValue(c.Close);
            w.WriteStringValue(c.Volume);
            w.WriteNumberValue(c.CloseTime);
            w.WriteStringValue(c.QuoteVolume);
            w.WriteNumberValue(c.Count);
            w.WriteStringValue(c.TakerBuyVolume);
            w.WriteStringValue(c.TakerBuyQuoteVolume);
            w.WriteStringValue("0");
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    private static bool TryLong(IQueryCollection query, string name, out long? value)
    {
        value = null;
        if (!query.TryGetValue(name, out var raw))
            return true;
        if (!long.TryParse(raw.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            return false;
        value = parsed;
        return true;
    }

    private static string FirstMalformed(IQueryCollection query) =>
        new[] { "startTime", "endTime", "limit" }.First(name => !TryLong(query, name, out _));
}
