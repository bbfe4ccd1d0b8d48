using CandleFunctions.Core.Candles;
using CandleFunctions.Sync;

namespace CandleFunctions.Cli.Output;

/// <summary>Thread-safe running totals shared by the progress displays.</summary>
public sealed class ProgressTally
{
    private long _minutesPlanned;
    private long _minutesDone;
    private long _candlesAdded;
    private int _symbolsDone;

    public int SymbolCount { get; private set; }

    public UtcRange? Range { get; private set; }

    public long MinutesPlanned => Interlocked.Read(ref _minutesPlanned);

    public long MinutesDone => Interlocked.Read(ref _minutesDone);

    public long CandlesAdded => Interlocked.Read(ref _candlesAdded);

    public int SymbolsDone => Volatile.Read(ref _symbolsDone);

    public void Start(UtcRange range, int symbols)
    {
        Range = range;
        SymbolCount = symbols;
    }

    public void Planned(long minutes) => Interlocked.Add(ref _minutesPlanned, minutes);

    public void Committed(long candles, long minutes)
    {
        Interlocked.Add(ref _candlesAdded, candles);
        Interlocked.Add(ref _minutesDone, minutes);
    }

    public int Finished(SymbolReport report) => Interlocked.Increment(ref _symbolsDone);
}
