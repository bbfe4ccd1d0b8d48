using CandleFunctions.Core.Planning;

namespace CandleFunctions.Staging;

/// <summary>Deterministic staging names, grouped by symbol and then by orchestration instance.</summary>
public static class StagingNames
{
    /// <summary>e.g. <c>BTCUSDT/sync-1_BTCUSDT/1700000000000.csv</c>; ':' in instance ids becomes '_' so the name is also a file path.</summary>
    public static string ForPage(string instanceId, string symbol, KlinePage page) =>
        $"{InstancePrefix(instanceId, symbol)}{page.StartTimeMs}.csv";

    /// <summary>e.g. <c>BTCUSDT/sync-1_BTCUSDT/edge-head.csv</c> for the head or tail page of the symbol's missing span.</summary>
    public static string ForEdge(string instanceId, string symbol, string edge) =>
        $"{InstancePrefix(instanceId, symbol)}edge-{edge}.csv";

    /// <summary>e.g. <c>BTCUSDT/sync-1_BTCUSDT/archive-2024-01.csv</c> for the month or day an archive file covers.</summary>
    public static string ForArchive(string instanceId, string symbol, string periodLabel) =>
        $"{InstancePrefix(instanceId, symbol)}archive-{periodLabel}.csv";

    /// <summary>Everything staged for <paramref name="symbol"/> by any instance: <c>BTCUSDT/</c>.</summary>
    public static string SymbolPrefix(string symbol) => symbol + "/";

    /// <summary>Everything one instance staged for <paramref name="symbol"/>: <c>BTCUSDT/sync-1_BTCUSDT/</c>.</summary>
    public static string InstancePrefix(string instanceId, string symbol)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return $"{SymbolPrefix(symbol)}{instanceId.Replace(':', '_')}/";
    }
}
