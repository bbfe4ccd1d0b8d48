using CandleFunctions.Core.Candles;
using CandleFunctions.Sync;

namespace CandleFunctions.Cli.Tests.Support;

/// <summary>Progress nobody watches (an engine run without a display).</summary>
public sealed class SilentProgress : ISyncProgress
{
    public void RunStarted(UtcRange range, IReadOnlyList<string> symbols)
    {
    }

    public void SymbolPlanned(string symbol, SymbolPlan plan)
    {
    }

    public void CandlesCommitted(string symbol, long candlesAdded, long minutesDone)
    {
    }

    public void SymbolFinished(SymbolReport report)
    {
    }
}
