using System.Globalization;
using System.Text;
using BinanceSimulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BinanceSimulator.Archive;

/// <summary>
/// Maps the data.binance.vision stand-in: files under <c>/data/...</c> as on the real host, and the S3
/// listing at <c>/data.binance.vision?prefix=...</c> (the real one lives at s3-ap-northeast-1.amazonaws.com).
/// </summary>
public static class ArchiveEndpoints
{
    /// <summary>Path of the listing endpoint, relative to the host's base URL.</summary>
    public const string ListingPath = "/data.binance.vision";

    public static IEndpointRouteBuilder MapArchive(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<SimulatorOptions>().Archive.Validate();
        app.MapMethods("/data/{**rest}", [HttpMethods.Get, HttpMethods.Head], ServeFileAsync);
        app.MapGet(ListingPath, ListAsync);
        return app;
    }

    private static async Task ServeFileAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var store = services.GetRequiredService<ArchiveStore>();
        var counters = services.GetRequiredService<ArchiveCounters>();
        counters.CountRequest();
        var key = context.Request.Path.Value!.TrimStart('/');
        if (!ArchiveFile.TryParseKey(key, out var file, out var isChecksum) || !store.Catalog.Exists(file, ServerNow(services)))
        {
            await NotFoundAsync(context, counters, key);
            return;
        }
        ReadOnlyMemory<byte> body = isChecksum ? Encoding.UTF8.GetBytes(store.ChecksumText(file)) : store.ServedZip(file);
        var response = context.Response;
        response.ContentType = isChecksum ? "application/octet-stream" : "application/zip";
        response.ContentLength = body.Length;
        response.Headers.ETag = S3Xml.ETag(key);
        response.Headers.LastModified = store.Catalog.PublishedAt(file).ToString("R", CultureInfo.InvariantCulture);
        if (HttpMethods.IsHead(context.Request.Method))
            return;
        await response.Body.WriteAsync(body, context.RequestAborted);
        counters.CountBytes(body.Length);
    }

    private static async Task ListAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var counters = services.GetRequiredService<ArchiveCounters>();
        counters.CountRequest();
        counters.CountListRequest();
        var query = context.Request.Query;
        var pageSize = services.GetRequiredService<SimulatorOptions>().Archive.ListPageSize;
        if (int.TryParse(query["max-keys"], NumberStyles.None, CultureInfo.InvariantCulture, out var maxKeys))
            pageSize = Math.Clamp(maxKeys, 1, pageSize);
        var listing = services.GetRequiredService<ArchiveListing>();
        var page = listing.List(query["prefix"].ToString(), query["delimiter"].ToString(), query["marker"].ToString(), pageSize, ServerNow(services));
        var body = Encoding.UTF8.GetBytes(S3Xml.ListBucketResult(page, services.GetRequiredService<ArchiveStore>().Catalog));
        context.Response.ContentType = "application/xml";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
        counters.CountBytes(body.Length);
    }

    private static async Task NotFoundAsync(HttpContext context, ArchiveCounters counters, string key)
    {
        counters.CountNotFound();
        var body = Encoding.UTF8.GetBytes(S3Xml.NoSuchKey(key));
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "application/xml";
        context.Response.ContentLength = body.Length;
        if (HttpMethods.IsHead(context.Request.Method))
            return;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
        counters.CountBytes(body.Length);
    }

    private static DateTimeOffset ServerNow(IServiceProvider services) =>
        services.GetRequiredService<SimulatorClock>().ServerNow;
}
