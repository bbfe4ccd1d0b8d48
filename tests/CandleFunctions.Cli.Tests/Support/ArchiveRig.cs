using CandleFunctions.Binance.Archive;
using CandleFunctions.Cli.Commands;
using CandleFunctions.Storage;
using CandleFunctions.Sync;

namespace CandleFunctions.Cli.Tests.Support;

/// <summary>A sync engine over the sandbox's simulator whose archive client the test can read the counters of.</summary>
public sealed class ArchiveRig : IDisposable
{
    /// <summary>Archive options over the sandbox's simulator.</summary>
    public static ArchiveOptions Options(Sandbox box, int maxConcurrentDownloads, long maxBytesAhead) => new()
    {
        BaseUrl = box.Simulator.BaseUrl,
        ListingUrl = ArchiveOptions.ListingUrlFor(box.Simulator.BaseUrl),
        MaxConcurrentDownloads = maxConcurrentDownloads,
        MaxBytesAhead = maxBytesAhead,
    };

    private readonly ExchangeConnection _exchange;
    private readonly HttpClient _http = new();

    public ArchiveRig(Sandbox box, ArchiveOptions options, ICandleStore store)
    {
        _exchange = new ExchangeConnection(box.Simulator.BaseUrl, archiveUrl: null, TimeSpan.FromSeconds(15), box.Time);
        Client = new ArchiveClient(_http, options, box.Time);
        var archive = new ArchiveSource(new ArchivePlanner(options), Client, new ArchiveListingClient(_http, options, box.Time));
        Engine = new SyncEngine(_exchange.Client, _exchange.Governor, store, new SyncOptions(), new SilentProgress(), archive);
    }

    public ArchiveClient Client { get; }

    public SyncEngine Engine { get; }

    public void Dispose()
    {
        Client.Dispose();
        _http.Dispose();
        _exchange.Dispose();
    }
}
