using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace CandleFunctions.Bench;

/// <summary>
/// Serves a folder of pre-built archive zips and checksums as static files over loopback, like the real
/// archive's CDN, optionally adding a fixed delay before every response (a distant link).
/// </summary>
internal sealed class StaticArchiveServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticArchiveServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Mutable so one server serves the runs without and with the added latency.</summary>
    public TimeSpan Latency { get; set; }

    public static async Task<StaticArchiveServer> StartAsync(string root)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        StaticArchiveServer? server = null;
        app.Use(async (context, next) =>
        {
            if (server!.Latency > TimeSpan.Zero)
                await Task.Delay(server.Latency, context.RequestAborted);
            await next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            ServeUnknownFileTypes = true,
            DefaultContentType = "application/octet-stream",
        });
        app.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new StaticArchiveServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
