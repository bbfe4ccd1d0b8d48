using CandleFunctions.Core.Candles;

namespace CandleFunctions.Sync;

/// <summary>Receives progress while a run works; called from several threads.</summary>
public interface ISyncProgress
{
    void RunStarted(UtcRange range, IReadOnlyList<string> symbols);

    void SymbolPlanned(string symbol, long minutesMissing);

    void CandlesCommitted(string symbol, long candlesAdded, long minutesDone);

    void SymbolFinished(SymbolReport report);
}
