using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage.Local;

/// <summary>Collects ascending candle minutes into ranges; memory grows with the gaps, not the candles.</summary>
internal sealed class MinuteRangeBuilder
{
    private readonly List<UtcRange> _ranges = [];
    private DateTimeOffset? _start;
    private DateTimeOffset _end;

    public long Count { get; private set; }

    public DateTimeOffset? Last => _start is null ? null : _end - MinuteTime.OneMinute;

    /// <summary>Adds the minute opening at <paramref name="minute"/>, which must follow every earlier one.</summary>
    public void Add(DateTimeOffset minute)
    {
        Count++;
        if (_start is not null && minute == _end)
        {
            _end += MinuteTime.OneMinute;
            return;
        }
        if (_start is { } start)
            _ranges.Add(new UtcRange(start, _end));
        _start = minute;
        _end = minute + MinuteTime.OneMinute;
    }

    public CoverageSet Build() =>
        _start is { } start ? CoverageSet.Of(_ranges.Append(new UtcRange(start, _end))) : CoverageSet.Empty;
}
