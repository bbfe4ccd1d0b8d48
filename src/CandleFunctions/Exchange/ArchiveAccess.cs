using CandleFunctions.Binance.Archive;

namespace CandleFunctions.Exchange;

/// <summary>
/// The public archive as the app reaches it: one shared connection pool, and clients built per activity invocation
/// so each one's byte counters belong to that invocation alone.
/// </summary>
public sealed class ArchiveAccess(HttpMessageHandler connections, ArchiveOptions options, TimeProvider time)
{
    private readonly HttpClient _http = new(connections, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The archive's settings (base URL, listing URL, lags).</summary>
    public ArchiveOptions Options { get; } = options;

    /// <summary>A downloader for one invocation; dispose it afterwards.</summary>
    public ArchiveClient NewClient() => new(_http, Options, time);

    /// <summary>A listing client for one invocation.</summary>
    public ArchiveListingClient NewListing() => new(_http, Options, time);
}
