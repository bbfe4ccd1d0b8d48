using BinanceSimulator.Hosting;
using BinanceSimulator.Rest;
using CandleFunctions.Binance.RateLimiting;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Binance.Tests.Rest;

/// <summary>A simulator on loopback and a client with its own governor, both on the real clock.</summary>
internal sealed class RestSandbox : IAsyncDisposable
{
    private RestSandbox(SimulatorHost host, HttpClient http, WeightGovernor governor, BinanceFuturesClient client)
    {
        Host = host;
        Http = http;
        Governor = governor;
        Client = client;
    }

    public SimulatorHost Host { get; }

    public HttpClient Http { get; }

    public WeightGovernor Governor { get; }

    public BinanceFuturesClient Client { get; }

    public static async Task<RestSandbox> StartAsync(
        Action<RestOptions>? rest = null, TimeSpan? attemptTimeout = null, HttpMessageHandler? handler = null, TimeSpan? firewallPause = null)
    {
        var options = new SimulatorOptions();
        rest?.Invoke(options.Rest);
        var host = await SimulatorHost.StartAsync(options);
        var http = new HttpClient(handler ?? new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All }) { Timeout = Timeout.InfiniteTimeSpan };
        var governor = new WeightGovernor(new WeightBudgetOptions(), TimeProvider.System);
        var client = new BinanceFuturesClient(http, governor, new BinanceRestOptions
        {
            BaseUrl = host.BaseUrl,
            BackoffBaseDelay = TimeSpan.FromMilliseconds(20),
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10),
            FirewallPause = firewallPause ?? TimeSpan.FromMilliseconds(50),
        }, TimeProvider.System);
        return new RestSandbox(host, http, governor, client);
    }

    public static long Ms(int year, int month, int day, int hour = 0, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
