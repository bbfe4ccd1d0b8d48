using BinanceSimulator.Archive;
using BinanceSimulator.Market;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BinanceSimulator.Hosting;

/// <summary>
/// A running simulator on 127.0.0.1: embedded in tests (free port) or standalone (Program).
/// Serves REST under <c>/fapi/v1/</c> and the public archive under <c>/data/</c> on the same port.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, SimulatedMarket market, SimulatorOptions options, TimeProvider time, Uri baseUrl)
    {
        _app = app;
        Market = market;
        Options = options;
        Time = time;
        BaseUrl = baseUrl;
    }

    /// <summary>Base URL, e.g. http://127.0.0.1:54321/ (REST at fapi/v1/..., archive at data/...).</summary>
    public Uri BaseUrl { get; }

    public SimulatedMarket Market { get; }

    /// <summary>Archive traffic so far (requests, 404s, bytes).</summary>
    public ArchiveCounters ArchiveCounters => _app.Services.GetRequiredService<ArchiveCounters>();

    public SimulatorOptions Options { get; }

    /// <summary>The host's clock; the exchange's clock is this plus <see cref="SimulatorOptions.ClockOffset"/>.</summary>
    public TimeProvider Time { get; }

    /// <summary>The exchange's current time.</summary>
    public DateTimeOffset ServerNow => Time.GetUtcNow() + Options.ClockOffset;

    public static async Task<SimulatorHost> StartAsync(
        SimulatorOptions? options = null,
        SimulatedMarket? market = null,
        TimeProvider? time = null,
        int port = 0,
        CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        market ??= DefaultUniverse.Create();
        time ??= TimeProvider.System;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(market);
        builder.Services.AddSingleton(time);
        builder.Services.AddArchive();
        var app = builder.Build();
        app.MapArchive();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, market, options, time, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
