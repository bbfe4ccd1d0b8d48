using BinanceSimulator.Rest.Endpoints;
using CandleFunctions.Core.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BinanceSimulator.Rest;

/// <summary>Maps the simulator's REST endpoints under /fapi/v1/.</summary>
public static class RestEndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapRest(this IEndpointRouteBuilder app, RestSimulator rest)
    {
        var pipeline = rest.Pipeline;
        const int simple = KlineWeights.SimpleEndpointWeight;
        app.MapGet("/fapi/v1/ping", (HttpContext c) =>
            pipeline.HandleAsync(c, RestEndpoint.Ping, simple, _ => RestReply.Json(w => { w.WriteStartObject(); w.WriteEndObject(); })));
        app.MapGet("/fapi/v1/time", (HttpContext c) =>
            pipeline.HandleAsync(c, RestEndpoint.Time, simple, now => RestReply.Json(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("serverTime", now.ToUnixTimeMilliseconds());
                w.WriteEndObject();
            })));
        app.MapGet("/fapi/v1/exchangeInfo", (HttpContext c) =>
            pipeline.HandleAsync(c, RestEndpoint.ExchangeInfo, simple, now => ExchangeInfoEndpoint.Serve(rest.Options, rest.Market, now)));
        app.MapGet("/fapi/v1/klines", (HttpContext c) =>
            pipeline.HandleAsync(c, RestEndpoint.Klines, KlinesEndpoint.Weight(c.Request.Query), now => KlinesEndpoint.Serve(c.Request.Query, rest.Market, now)));
        return app;
    }
}
