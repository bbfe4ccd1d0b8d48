namespace CandleFunctions.Binance.Archive;

/// <summary>Which kind of archive file a job downloads: one calendar month or one UTC day.</summary>
public enum ArchiveGranularity
{
    Monthly,
    Daily,
}
