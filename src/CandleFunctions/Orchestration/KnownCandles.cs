using CandleFunctions.Core.Candles;

namespace CandleFunctions.Orchestration;

/// <summary>The first and last candle a symbol is known to have (stored before, or committed by this run): its listing as far as we know.</summary>
public sealed class KnownCandles(DateTimeOffset? first, DateTimeOffset? last)
{
    public DateTimeOffset? First { get; private set; } = first;

    public DateTimeOffset? Last { get; private set; } = last;

    /// <summary>True while no candle is known.</summary>
    public bool IsEmpty => First is null;

    /// <summary>Widens the span with a commit's first and last candle.</summary>
    public void Add(DateTimeOffset? first, DateTimeOffset? last)
    {
        if (first is { } f && (First is null || f < First))
            First = f;
        if (last is { } l && (Last is null || l > Last))
            Last = l;
    }

    /// <summary>Where the symbol has candles inside <paramref name="range"/>, as the CLI reports it.</summary>
    public UtcRange? Listed(UtcRange range) =>
        First is { } f && Last is { } l ? new UtcRange(f, l + MinuteTime.OneMinute).Intersect(range) : null;
}
