using CandleFunctions.Storage;

namespace CandleFunctions.Cli.Commands;

/// <summary>The validated inputs of <c>candles sync</c>.</summary>
public sealed record SyncArguments(
    string DataDirectory,
    string SymbolsFile,
    int? MaxSymbols,
    DateTimeOffset Start,
    DateTimeOffset? End,
    Uri ApiUrl,
    Uri ArchiveUrl,
    bool UseArchive,
    bool Json,
    string? BlobConnection = null,
    string BlobContainer = "candles",
    TimeSpan? RequestTimeout = null,
    StorageFormat Format = StorageFormat.Csv,
    int ArchiveConcurrency = 8);
