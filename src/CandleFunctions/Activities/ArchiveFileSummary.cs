using CandleFunctions.Binance.Archive;

namespace CandleFunctions.Activities;

/// <summary>
/// What one archive file activity did, small enough for history: the staged file (when verified) with the days it may
/// not claim, the bytes it downloaded, and why the file could not be used otherwise. Never candles.
/// </summary>
public sealed record ArchiveFileSummary(
    string FileName,
    ArchiveFetchStatus Status,
    StagedPage? Staged,
    long Bytes,
    string? Problem = null);
