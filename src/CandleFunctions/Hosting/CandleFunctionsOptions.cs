using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Planning;
using CandleFunctions.Core.RateLimiting;
using CandleFunctions.Orchestration;
using CandleFunctions.Storage;
using CandleFunctions.Weight;

namespace CandleFunctions.Hosting;

/// <summary>The app settings the Functions app reads (section <c>CandleFunctions</c>, e.g. <c>CandleFunctions__CandlesContainer</c>).</summary>
public sealed class CandleFunctionsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "CandleFunctions";

    /// <summary>USDⓈ-M REST base URL. <value>https://fapi.binance.com/</value></summary>
    public Uri BinanceBaseUrl { get; set; } = new("https://fapi.binance.com/");

    /// <summary>Blob container holding <c>SYMBOL.csv</c>, its ledger and filtered_tokens.csv. <value>candles</value></summary>
    public string CandlesContainer { get; set; } = "candles";

    /// <summary>
    /// Connection string of the candles account (<c>UseDevelopmentStorage=true</c> for Azurite); wins over
    /// <see cref="CandlesAccountUri"/>. <value>null</value>
    /// </summary>
    public string? CandlesConnectionString { get; set; }

    /// <summary>Blob endpoint of the candles account, reached with the managed identity. <value>null: with no connection string either, local folder only</value></summary>
    public Uri? CandlesAccountUri { get; set; }

    /// <summary>Client id of the user-assigned identity used for the candles account. <value>null: the default credential chain</value></summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// Local folder mirroring the container (and holding filtered_tokens.csv locally); the store itself when no account
    /// is configured. Empty with an account: blob only, no mirror. <value>data</value>
    /// </summary>
    public string LocalMirrorDirectory { get; set; } = "data";

    /// <summary>
    /// What the merge writes: <c>Csv</c> (<c>SYMBOL.csv</c> and its ledger), <c>Parquet</c>
    /// (<c>parquet/symbol=SYMBOL/month=YYYY-MM.parquet</c>, every kline field) or <c>Both</c>, in the container and the
    /// mirror alike. <value>Csv</value>
    /// </summary>
    public StorageFormat Format { get; set; } = StorageFormat.Csv;

    /// <summary>Where chunk activities stage fetched pages when no account is configured. <value>.staging</value></summary>
    public string StagingDirectory { get; set; } = ".staging";

    /// <summary>Container for staged pages when an account is configured, so activities on any instance see them. <value>staging</value></summary>
    public string StagingContainer { get; set; } = "staging";

    /// <summary>Whether whole months and days come from the public archive before REST (no API weight). <value>true</value></summary>
    public bool UseArchive { get; set; } = true;

    /// <summary>Base URL of the public archive. <value>https://data.binance.vision/</value></summary>
    public Uri ArchiveBaseUrl { get; set; } = new("https://data.binance.vision/");

    /// <summary>The archive's S3 listing endpoint. <value>null: the real bucket's for data.binance.vision, else <c>&lt;base&gt;data.binance.vision</c></value></summary>
    public Uri? ArchiveListingUrl { get; set; }

    /// <summary>Archive file activities per wave of one symbol. <value>8</value></summary>
    public int MaxArchiveFilesPerWave { get; set; } = 8;

    /// <summary>Start of the daily top-up for a symbol with nothing stored yet. <value>2024-01-01</value></summary>
    public DateTimeOffset TopUpStart { get; set; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Symbol sub-orchestrations running at once. <value>8</value></summary>
    public int MaxConcurrentSymbols { get; set; } = 8;

    /// <summary>
    /// Most weight one wave asks for at once; the entity grants as much as the window has left, in whole pages (at
    /// most 30 in flight while another program shows on the IP). <value>240</value>
    /// </summary>
    public int MaxWaveWeight { get; set; } = 240;

    /// <summary>REST waves one symbol keeps open at once, each under its own grant. <value>2</value></summary>
    public int WavesInFlight { get; set; } = 2;

    /// <summary>klines pages per chunk activity, fetched one after the other (a partly granted wave cuts its last chunk short). <value>16</value></summary>
    public int PagesPerChunk { get; set; } = 16;

    /// <summary>Staged pages per merge (60 pages ≈ 3 weeks of candles). <value>60</value></summary>
    public int MergeEveryPages { get; set; } = 60;

    /// <summary>
    /// The most of each rate-limit window's weight this app ever uses (0 &lt; share ≤ 1), so a bot on the same IP keeps the
    /// rest. <value>1.0</value>
    /// </summary>
    public double MaxWeightShare { get; set; } = 1.0;

    /// <summary>Attempts of a transiently failing activity. <value>4</value></summary>
    public int MaxActivityAttempts { get; set; } = 4;

    /// <summary>The tuning handed to orchestrators.</summary>
    public OrchestrationLimits Limits() =>
        new(MaxConcurrentSymbols, MaxWaveWeight, PagesPerChunk, MergeEveryPages, MaxActivityAttempts) { UseArchive = UseArchive, MaxArchiveFilesPerWave = MaxArchiveFilesPerWave, WavesInFlight = WavesInFlight };

    /// <summary>True when a storage account (connection string or URI) is configured: the blob container is the store of record.</summary>
    public bool HasAccount => !string.IsNullOrWhiteSpace(CandlesConnectionString) || CandlesAccountUri is not null;

    /// <summary>The archive listing endpoint: the setting, or the one the CLI derives from the base URL.</summary>
    public Uri ResolvedArchiveListingUrl() =>
        ArchiveListingUrl ?? ArchiveOptions.ListingUrlFor(ArchiveBaseUrl);

    /// <summary>Throws when a value cannot work.</summary>
    public void Validate()
    {
        if (!BinanceBaseUrl.IsAbsoluteUri)
            throw new ArgumentException($"CandleFunctions:BinanceBaseUrl '{BinanceBaseUrl}' must be an absolute URL.");
        if (!ArchiveBaseUrl.IsAbsoluteUri || !ArchiveBaseUrl.AbsolutePath.EndsWith('/'))
            throw new ArgumentException($"CandleFunctions:ArchiveBaseUrl '{ArchiveBaseUrl}' must be an absolute URL ending in '/'.");
        if (CandlesAccountUri is { IsAbsoluteUri: false })
            throw new ArgumentException($"CandleFunctions:CandlesAccountUri '{CandlesAccountUri}' must be an absolute URL.");
        if (HasAccount && (string.IsNullOrWhiteSpace(CandlesContainer) || string.IsNullOrWhiteSpace(StagingContainer) || CandlesContainer == StagingContainer))
            throw new ArgumentException("CandleFunctions:CandlesContainer and StagingContainer must name two different containers.");
        if (!HasAccount && string.IsNullOrWhiteSpace(LocalMirrorDirectory))
            throw new ArgumentException("CandleFunctions:LocalMirrorDirectory must name a folder when no storage account is configured.");
        if (!Enum.IsDefined(Format))
            throw new ArgumentException($"CandleFunctions:Format must be Csv, Parquet or Both (got {(int)Format}).");
        if (MaxConcurrentSymbols < 1 || MaxWaveWeight < 1 || PagesPerChunk < 1 || MergeEveryPages < 1 || MaxActivityAttempts < 1 || MaxArchiveFilesPerWave < 1
            || WavesInFlight < 1)
            throw new ArgumentException("CandleFunctions concurrency, wave, chunk, merge, attempt and archive-wave settings must be at least 1.");
        if (double.IsNaN(MaxWeightShare) || MaxWeightShare is <= 0 or > 1)
            throw new ArgumentException($"CandleFunctions:MaxWeightShare must be above 0 and at most 1 (got {MaxWeightShare}).");
        // The orchestrator's pages are KlinePager's: at most DefaultPageSize candles, so each weighs the same known amount,
        // and a wave is granted in whole pages (chunks are cut from the pages granted).
        var pageWeight = KlineWeights.ForLimit(KlinePager.DefaultPageSize);
        if (pageWeight > MaxWaveWeight)
            throw new ArgumentException($"MaxWaveWeight {MaxWaveWeight} is less than one page's weight ({pageWeight}).");
    }
}
