using CandleFunctions.Core.Planning;

namespace CandleFunctions.Staging;

/// <summary>Deterministic staging names: one per orchestration instance and page.</summary>
public static class StagingNames
{
    /// <summary>e.g. <c>sync-1/BTCUSDT/1700000000000.csv</c>; ':' in instance ids becomes '_' so the name is also a file path.</summary>
    public static string ForPage(string instanceId, string symbol, KlinePage page) =>
        $"{instanceId.Replace(':', '_')}/{symbol}/{page.StartTimeMs}.csv";
}
