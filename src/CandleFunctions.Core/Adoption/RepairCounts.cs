namespace CandleFunctions.Core.Adoption;

/// <summary>What verifying a file changed, in rows (and, for holes, in minutes left for the sync to fetch).</summary>
/// <param name="Shifted">Rows whose timestamp was rewritten from local time to UTC.</param>
/// <param name="Replaced">Rows whose values differed from the exchange's (e.g. an open candle stored as closed), now the exchange's.</param>
/// <param name="DuplicatesRemoved">Extra rows for a minute already written (batch boundaries, a daylight-saving hour written twice).</param>
/// <param name="Dropped">Rows removed without a replacement: unverified rows of a partly wrong file, or minutes the exchange has no candle for.</param>
/// <param name="Holes">Minutes inside the file's span that it lacks; the sync fetches them.</param>
public sealed record RepairCounts(long Shifted, long Replaced, long DuplicatesRemoved, long Dropped, long Holes)
{
    /// <summary>No repair.</summary>
    public static RepairCounts None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>True when any row was changed or removed.</summary>
    public bool ChangedRows => Shifted + Replaced + DuplicatesRemoved + Dropped > 0;
}
