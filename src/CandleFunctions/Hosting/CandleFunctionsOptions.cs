using CandleFunctions.Orchestration;

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

    /// <summary>Blob endpoint of the candles account (identity-based; read by the blob store once it is wired). <value>null: local store only</value></summary>
    public Uri? CandlesAccountUri { get; set; }

    /// <summary>Client id of the user-assigned identity used for the candles account. <value>null: the default credential chain</value></summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Local folder mirroring the container (and holding filtered_tokens.csv locally). <value>data</value></summary>
    public string LocalMirrorDirectory { get; set; } = "data";

    /// <summary>Where chunk activities stage fetched pages. <value>.staging</value></summary>
    public string StagingDirectory { get; set; } = ".staging";

    /// <summary>Start of the daily top-up for a symbol with nothing stored yet. <value>2024-01-01</value></summary>
    public DateTimeOffset TopUpStart { get; set; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Symbol sub-orchestrations per wave. <value>8</value></summary>
    public int MaxConcurrentSymbols { get; set; } = 8;

    /// <summary>Weight of one wave, granted at once; at most the entity's in-flight cap (30). <value>30</value></summary>
    public int MaxWaveWeight { get; set; } = 30;

    /// <summary>klines pages per chunk activity. <value>3</value></summary>
    public int PagesPerChunk { get; set; } = 3;

    /// <summary>Staged pages per merge (60 pages ≈ 3 weeks of candles). <value>60</value></summary>
    public int MergeEveryPages { get; set; } = 60;

    /// <summary>Attempts of a transiently failing activity. <value>4</value></summary>
    public int MaxActivityAttempts { get; set; } = 4;

    /// <summary>The tuning handed to orchestrators.</summary>
    public OrchestrationLimits Limits() =>
        new(MaxConcurrentSymbols, MaxWaveWeight, PagesPerChunk, MergeEveryPages, MaxActivityAttempts);

    /// <summary>Throws when a value cannot work.</summary>
    public void Validate()
    {
        if (!BinanceBaseUrl.IsAbsoluteUri)
            throw new ArgumentException($"CandleFunctions:BinanceBaseUrl '{BinanceBaseUrl}' must be an absolute URL.");
        if (MaxConcurrentSymbols < 1 || MaxWaveWeight < 1 || PagesPerChunk < 1 || MergeEveryPages < 1 || MaxActivityAttempts < 1)
            throw new ArgumentException("CandleFunctions concurrency, wave, chunk, merge and attempt settings must be at least 1.");
        if (PagesPerChunk * 10 > MaxWaveWeight)
            throw new ArgumentException($"A chunk of {PagesPerChunk} pages may weigh {PagesPerChunk * 10}, more than MaxWaveWeight {MaxWaveWeight}.");
    }
}
