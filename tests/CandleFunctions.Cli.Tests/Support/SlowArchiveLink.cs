using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CandleFunctions.Cli.Tests.Support;

/// <summary>
/// A distant archive: a loopback proxy in front of the simulator's archive that holds every request for a fixed
/// latency before forwarding it, and counts the zip downloads in flight at once.
/// </summary>
public sealed class SlowArchiveLink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private int _zipsInFlight;
    private int _peakZipsInFlight;
    private int _zips;

    private SlowArchiveLink(WebApplication app, HttpClient upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    /// <summary>Base URL to pass as <c>--archive-url</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Most zip requests that were in flight at the same moment.</summary>
    public int PeakZipsInFlight => Volatile.Read(ref _peakZipsInFlight);

    /// <summary>Zip requests served.</summary>
    public int Zips => Volatile.Read(ref _zips);

    public static async Task<SlowArchiveLink> StartAsync(Uri archive, TimeSpan latency)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var link = new SlowArchiveLink(app, new HttpClient { BaseAddress = archive });
        app.Run(context => link.ForwardAsync(context, latency));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        link.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return link;
    }

    private async Task ForwardAsync(HttpContext context, TimeSpan latency)
    {
        var zip = context.Request.Path.Value?.EndsWith(".zip", StringComparison.Ordinal) == true;
        if (zip)
        {
            Interlocked.Increment(ref _zips);
            var now = Interlocked.Increment(ref _zipsInFlight);
            for (var peak = Volatile.Read(ref _peakZipsInFlight); now > peak; peak = Volatile.Read(ref _peakZipsInFlight))
                Interlocked.CompareExchange(ref _peakZipsInFlight, now, peak);
        }
        try
        {
            await Task.Delay(latency, context.RequestAborted);
            var path = context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString.Value;
            using var response = await _upstream.GetAsync(path, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        finally
        {
            if (zip)
                Interlocked.Decrement(ref _zipsInFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
