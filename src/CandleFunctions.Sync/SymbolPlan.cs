namespace CandleFunctions.Sync;

/// <summary>
/// What one symbol's run is about to fetch, counted in candles (one per missing minute, an upper bound: minutes
/// without trading have none): whole archive files first, REST for the rest. A file that turns out missing or bad
/// falls back to REST, so only the split can change, never the total.
/// </summary>
public sealed record SymbolPlan(long FromArchive, int ArchiveFiles, long FromRest)
{
    /// <summary>Every candle the run will look for.</summary>
    public long Total => FromArchive + FromRest;
}
