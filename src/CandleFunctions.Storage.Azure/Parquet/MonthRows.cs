using CandleFunctions.Core.Candles;

namespace CandleFunctions.Storage.Azure.Parquet;

/// <summary>Unites two ascending row lists of one month, one row per minute.</summary>
internal static class MonthRows
{
    /// <summary>Every minute of either list once, ascending; where both hold a minute, <paramref name="stored"/>'s row is kept.</summary>
    public static IReadOnlyList<Candle> Union(IReadOnlyList<Candle> stored, IReadOnlyList<Candle> added)
    {
        var merged = new List<Candle>(stored.Count + added.Count);
        int i = 0, j = 0;
        while (i < stored.Count || j < added.Count)
        {
            if (j == added.Count || (i < stored.Count && stored[i].Timestamp <= added[j].Timestamp))
            {
                if (j < added.Count && stored[i].Timestamp == added[j].Timestamp)
                    j++;
                merged.Add(stored[i++]);
            }
            else
            {
                merged.Add(added[j++]);
            }
        }
        return merged;
    }
}
