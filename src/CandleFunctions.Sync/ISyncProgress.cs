using CandleFunctions.Core.Candles;

namespace CandleFunctions.Sync;

/// <summary>Receives progress while a run works; called from several threads.</summary>
public interface ISyncProgress
{
    void RunStarted(UtcRange range, IReadOnlyList<string> symbols);

    /// <summary>Once per symbol with missing minutes, before anything of it is fetched.</summary>
    void SymbolPlanned(string symbol, SymbolPlan plan);

    /// <summary>A batch is stored: <paramref name="minutesDone"/> of the planned minutes are now covered, <paramref name="candlesAdded"/> new candles among them.</summary>
    void CandlesCommitted(string symbol, long candlesAdded, long minutesDone);

    void SymbolFinished(SymbolReport report);
}
