using CandleFunctions.Storage;

namespace CandleFunctions.Cli.Commands;

/// <summary>The validated inputs of <c>candles sync</c>. A null <see cref="Start"/> continues each symbol from its last stored candle.</summary>
public sealed record SyncArguments(
    string DataDirectory,
    string SymbolsFile,
    int? MaxSymbols,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    Uri ApiUrl,
    Uri ArchiveUrl,
    bool UseArchive,
    bool Json,
    string? BlobConnection = null,
    string BlobContainer = "candles",
    TimeSpan? RequestTimeout = null,
    StorageFormat Format = StorageFormat.Csv,
    Core.Adoption.SourceClock? SourceClock = null,
    int ArchiveConcurrency = Binance.Archive.ArchiveOptions.DefaultConcurrentDownloads)
{
    /// <summary>The most of each window's weight we use. <value>1.0</value></summary>
    public double MaxWeightShare { get; init; } = 1.0;

    /// <summary>The longest IP ban waited out before carrying on; longer bans stop the run. <value>2 minutes</value></summary>
    public TimeSpan MaxBanWait { get; init; } = TimeSpan.FromMinutes(2);
}
