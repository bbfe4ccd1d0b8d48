namespace BinanceSimulator.Archive;

/// <summary>Whether an archive file holds one UTC day or one UTC month.</summary>
public enum ArchivePeriodKind
{
    Daily,
    Monthly,
}
