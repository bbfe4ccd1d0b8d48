using BinanceSimulator.Archive;
using BinanceSimulator.Market;
using BinanceSimulator.Rest;
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
    private readonly RestSimulator _rest;

    private SimulatorHost(WebApplication app, RestSimulator rest, SimulatorOptions options, Uri baseUrl)
    {
        _app = app;
        _rest = rest;
        Options = options;
        BaseUrl = baseUrl;
    }

    /// <summary>Base URL, e.g. http://127.0.0.1:54321/ (REST at fapi/v1/..., archive at data/...).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The simulated exchange's data; <see cref="SimulatedMarket.ClosedTradedCandles"/> is the ground truth.</summary>
    public SimulatedMarket Market => _rest.Market;

    /// <summary>Archive traffic so far (requests, 404s, bytes).</summary>
    public ArchiveCounters ArchiveCounters => _app.Services.GetRequiredService<ArchiveCounters>();

    public SimulatorOptions Options { get; }

    /// <summary>The host's clock; the exchange's clock is this plus <see cref="SimulatorOptions.ClockOffset"/>.</summary>
    public TimeProvider Time => _rest.Clock.Time;

    /// <summary>The exchange's current time.</summary>
    public DateTimeOffset ServerNow => _rest.Clock.ServerNow;

    /// <summary>Control of the REST side: forced faults, 429s and bans.</summary>
    public RestControl Rest => _rest.Control;

    /// <summary>What the REST side has served: requests, weight, 429s, 418s, faults.</summary>
    public RestCounters Counters => _rest.Counters;

    /// <summary>Starts a simulator; <paramref name="port"/> 0 picks a free port. Options are validated first.</summary>
    public static async Task<SimulatorHost> StartAsync(
        SimulatorOptions? options = null,
        SimulatedMarket? market = null,
        TimeProvider? time = null,
        int port = 0,
        CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        market ??= DefaultUniverse.Create();
        // The clock is registered only as SimulatorClock: a TimeProvider in DI could be picked up by the
        // web host itself, and a frozen test clock must steer the exchange only.
        var clock = new SimulatorClock(time ?? TimeProvider.System, options);
        var rest = new RestSimulator(options.Rest, market, clock);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(market);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(rest);
        builder.Services.AddArchive();
        var app = builder.Build();
        app.MapRest(rest);
        app.MapArchive();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, rest, options, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
