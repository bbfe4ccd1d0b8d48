using System.Net;
using CandleFunctions.Binance.Archive;
using CandleFunctions.Binance.RateLimiting;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.RateLimiting;
using CandleFunctions.Sync;

namespace CandleFunctions.Cli.Commands;

/// <summary>The governed REST client and the optional public archive, as every command that talks to the exchange builds them.</summary>
public sealed class ExchangeConnection : IDisposable
{
    private readonly HttpClient _http;
    private readonly HttpClient _archiveHttp;

    public ExchangeConnection(Uri apiUrl, Uri? archiveUrl, TimeSpan requestTimeout, TimeProvider time, double maxWeightShare = 1.0, int archiveConcurrency = ArchiveOptions.DefaultConcurrentDownloads)
    {
        Governor = new WeightGovernor(new WeightBudgetOptions { MaxWeightShare = maxWeightShare }, time);
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        Client = new BinanceFuturesClient(_http, Governor, new BinanceRestOptions { BaseUrl = apiUrl, AttemptTimeout = requestTimeout }, time);
        _archiveHttp = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        if (archiveUrl is not null)
        {
            var options = new ArchiveOptions { BaseUrl = archiveUrl, ListingUrl = ArchiveOptions.ListingUrlFor(archiveUrl), MaxConcurrentDownloads = archiveConcurrency };
            options.Validate();
            Archive = new ArchiveSource(new ArchivePlanner(options), new ArchiveClient(_archiveHttp, options, time), new ArchiveListingClient(_archiveHttp, options, time));
        }
    }

    public WeightGovernor Governor { get; }

    public BinanceFuturesClient Client { get; }

    /// <summary>The public archive, or null with --no-archive.</summary>
    public ArchiveSource? Archive { get; }

    public void Dispose()
    {
        Archive?.Client.Dispose();
        _archiveHttp.Dispose();
        _http.Dispose();
    }
}
