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

    public void Record(CoverageSet span, IReadOnlyList<Candle> candles, long added) =>
        Record(span, candles.Count, candles.Count == 0 ? null : candles[0].Timestamp, candles.Count == 0 ? null : candles[^1].Timestamp, added);

    /// <summary>Records a commit of <paramref name="count"/> candles from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public void Record(CoverageSet span, long count, DateTimeOffset? first, DateTimeOffset? last, long added)
    {
        _fetched = _fetched.Union(span);
        Added += added;
        WithoutCandles += Math.Max(0, (long)span.Duration.TotalMinutes - count);
        if (first is { } f && (First is null || f < First))
            First = f;
        if (last is { } l && (Last is null || l > Last))
            Last = l;
    }

    /// <summary>Where the symbol has candles inside <paramref name="range"/>, as far as we know.</summary>
    public UtcRange? Listed(UtcRange range) =>
        First is { } first && Last is { } last ? new UtcRange(first, last + MinuteTime.OneMinute).Intersect(range) : null;
}
