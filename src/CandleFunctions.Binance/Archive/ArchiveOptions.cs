namespace CandleFunctions.Binance.Archive;

/// <summary>Where the public archive lives and how patiently it is used.</summary>
public sealed class ArchiveOptions
{
    /// <summary>Root of the file host; zip paths are resolved against it. <value>https://data.binance.vision/</value></summary>
    public Uri BaseUrl { get; set; } = new("https://data.binance.vision/");

    /// <summary>
    /// The S3 ListObjects endpoint of the bucket (against the simulator: <c>&lt;base&gt;data.binance.vision</c>).
    /// <value>https://s3-ap-northeast-1.amazonaws.com/data.binance.vision</value>
    /// </summary>
    public Uri ListingUrl { get; set; } = RealListingUrl;

    private static readonly Uri RealListingUrl = new("https://s3-ap-northeast-1.amazonaws.com/data.binance.vision");

    /// <summary>
    /// The listing endpoint that goes with an archive base URL: the real archive lists through its S3
    /// endpoint; any other host (a mirror, the simulator) serves the listing itself at <c>data.binance.vision</c>.
    /// </summary>
    public static Uri ListingUrlFor(Uri baseUrl) =>
        baseUrl.Host == "data.binance.vision" ? RealListingUrl : new Uri(baseUrl, "data.binance.vision");

    /// <summary>
    /// How long after a day ends its daily file is expected; publication is usually next-day but has been
    /// ~3 days late, and a file that is not there yet just falls back to REST. <value>2 days</value>
    /// </summary>
    public TimeSpan DailyLag { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long after a month ends its monthly file is expected. <value>7 days</value></summary>
    public TimeSpan MonthlyLag { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Most archive downloads in flight at once per client, across symbols (checksum and zip of a file count as one).
    /// Over a distant link each file costs a round trip, so this many files in flight is what hides it: with 100 ms
    /// added to every request, 16 cost a 10-symbol x 120-day backfill (mostly daily files) 2.7x its wall time and a
    /// 50-symbol x 2-year one 1.4x; 32 cost 1.7x and 1.1x. Memory is bounded by <see cref="MaxBytesAhead"/>, not by this.
    /// <value>32</value>
    /// </summary>
    public int MaxConcurrentDownloads { get; set; } = DefaultConcurrentDownloads;

    /// <summary>The default of <see cref="MaxConcurrentDownloads"/> (and of the CLI's <c>--archive-concurrency</c>).</summary>
    public const int DefaultConcurrentDownloads = 32;

    /// <summary>
    /// Least months of candles (in whole files) of one symbol fetched ahead of what is being written; a caller working
    /// on several symbols at once lets each keep its share of <see cref="MaxConcurrentDownloads"/> ahead when that is
    /// more. Files wait as their zips (a month is ~1.9 MB), within <see cref="MaxBytesAhead"/>. <value>1</value>
    /// </summary>
    public int MonthsAheadPerSymbol { get; set; } = 1;

    /// <summary>
    /// Most bytes of downloaded zips held ahead of the files being written, across symbols: a download that would pass
    /// it waits for the writers (see <see cref="ArchiveMemoryBudget"/>). Each symbol at work also holds the files it is
    /// writing (at most about a month of candles). Sixteen monthly zips of ~1.6 MB each (2 MB arrays) fit; a download
    /// waits for room only once its response has begun, so a distant link's round trips still overlap.
    /// <value>32 MB</value>
    /// </summary>
    public long MaxBytesAhead { get; set; } = 32L << 20;

    /// <summary>Time allowed for one HTTP attempt, including streaming the whole body. <value>2 minutes</value></summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after a transient error (5xx, timeout, dropped connection). <value>3</value></summary>
    public int TransientRetries { get; set; } = 3;

    /// <summary>First back-off delay; later ones grow exponentially with jitter. <value>1 second</value></summary>
    public TimeSpan TransientRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the setting when a value cannot work.</summary>
    public void Validate()
    {
        if (!BaseUrl.IsAbsoluteUri || !BaseUrl.AbsolutePath.EndsWith('/'))
            throw new ArgumentException($"Archive BaseUrl must be an absolute URL ending in '/', not '{BaseUrl}'.");
        if (!ListingUrl.IsAbsoluteUri || !string.IsNullOrEmpty(ListingUrl.Query))
            throw new ArgumentException($"Archive ListingUrl must be an absolute URL without a query, not '{ListingUrl}'.");
        if (DailyLag < TimeSpan.Zero || MonthlyLag < TimeSpan.Zero)
            throw new ArgumentException("Archive DailyLag and MonthlyLag must not be negative.");
        if (MaxConcurrentDownloads < 1)
            throw new ArgumentException($"Archive MaxConcurrentDownloads must be at least 1, not {MaxConcurrentDownloads}.");
        if (MonthsAheadPerSymbol < 1)
            throw new ArgumentException($"Archive MonthsAheadPerSymbol must be at least 1, not {MonthsAheadPerSymbol}.");
        if (MaxBytesAhead < 1)
            throw new ArgumentException($"Archive MaxBytesAhead must be at least 1, not {MaxBytesAhead}.");
        if (AttemptTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"Archive AttemptTimeout must be positive, not {AttemptTimeout}.");
        if (TransientRetries < 0)
            throw new ArgumentException($"Archive TransientRetries must not be negative, not {TransientRetries}.");
        if (TransientRetryDelay < TimeSpan.Zero)
            throw new ArgumentException($"Archive TransientRetryDelay must not be negative, not {TransientRetryDelay}.");
    }
}
