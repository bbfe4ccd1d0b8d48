using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage;

namespace CandleFunctions.Sync;

/// <summary>What one symbol's sync has fetched and stored so far, for its report.</summary>
internal sealed class FetchTally(StoredSymbol stored)
{
    private CoverageSet _fetched = CoverageSet.Empty;

    public DateTimeOffset? First { get; private set; } = stored.First;

    public DateTimeOffset? Last { get; private set; } = stored.Last;

    public long Added { get; private set; }

    /// <summary>Minutes of the committed spans the exchange has no candle for (before listing, outages).</summary>
    public long WithoutCandles { get; private set; }

    public IReadOnlyList<UtcRange> Fetched => _fetched.Ranges;

    public void Record(CoverageSet span, IReadOnlyList<Candle> candles, long added)
    {
        _fetched = _fetched.Union(span);
        Added += added;
        WithoutCandles += Math.Max(0, (long)span.Duration.TotalMinutes - candles.Count);
        if (candles.Count == 0)
            return;
        if (First is null || candles[0].Timestamp < First)
            First = candles[0].Timestamp;
        if (Last is null || candles[^1].Timestamp > Last)
            Last = candles[^1].Timestamp;
    }

    /// <summary>Where the symbol has candles inside <paramref name="range"/>, as far as we know.</summary>
    public UtcRange? Listed(UtcRange range) =>
        First is { } first && Last is { } last ? new UtcRange(first, last + MinuteTime.OneMinute).Intersect(range) : null;
}
