using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage.Local;

/// <summary>Checks the arguments of a commit before anything is written.</summary>
internal static class CommitValidation
{
    private const long MinuteMs = 60_000;

    /// <exception cref="ArgumentException">A candle is for another symbol, off-minute, out of order, or outside the range.</exception>
    public static void Validate(string symbol, IReadOnlyList<Candle> candles, CoverageSet newlyCovered)
    {
        ArgumentNullException.ThrowIfNull(candles);
        ArgumentNullException.ThrowIfNull(newlyCovered);
        var ranges = newlyCovered.Ranges;
        var r = 0;
        for (var i = 0; i < candles.Count; i++)
        {
            var candle = candles[i] ?? throw new ArgumentException($"Candle {i} is null.", nameof(candles));
            var time = candle.Timestamp;
            if (!string.Equals(candle.Symbol, symbol, StringComparison.Ordinal))
                throw new ArgumentException($"Candle {i} is for {candle.Symbol}, not {symbol}.", nameof(candles));
            if (time.Offset != TimeSpan.Zero || time.UtcTicks % TimeSpan.TicksPerMinute != 0)
                throw new ArgumentException($"Candle {i} opens at {time:O}, not on a whole UTC minute.", nameof(candles));
            if (i > 0 && time <= candles[i - 1].Timestamp)
                throw new ArgumentException($"Candle {i} ({time:O}) does not follow candle {i - 1} ({candles[i - 1].Timestamp:O}); candles must be ascending and unique.", nameof(candles));
            while (r < ranges.Length && ranges[r].End <= time)
                r++;
            if (r == ranges.Length || !ranges[r].Contains(time) || ranges[r].End < time + MinuteTime.OneMinute)
                throw new ArgumentException($"Candle {i} ({time:O}) is outside the newly covered ranges {newlyCovered}.", nameof(candles));
        }
    }

    /// <exception cref="ArgumentException">A row is off-minute, out of order (within or across batches), or outside the range.</exception>
    public static void Validate(IReadOnlyList<CandleTextRows> batches, CoverageSet newlyCovered)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(newlyCovered);
        var ranges = newlyCovered.Ranges;
        var r = 0;
        var previous = long.MinValue;
        var n = 0;
        // The range being passed, in Unix milliseconds (the rows' own unit: no DateTimeOffset per row).
        long rangeStart = 0, rangeEnd = 0;
        foreach (var rows in batches)
        {
            ArgumentNullException.ThrowIfNull(rows, nameof(batches));
            foreach (var ms in rows.OpenTimes)
            {
                if (ms % MinuteMs != 0)
                    throw new ArgumentException($"Row {n} opens at {ms} ms, not on a whole UTC minute.", nameof(batches));
                if (ms <= previous)
                    throw new ArgumentException($"Row {n} ({ms} ms) does not follow row {n - 1} ({previous} ms); rows must be ascending and unique.", nameof(batches));
                previous = ms;
                if (ms < rangeStart || ms + MinuteMs > rangeEnd)
                {
                    var time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                    while (r < ranges.Length && ranges[r].End <= time)
                        r++;
                    if (r == ranges.Length || !ranges[r].Contains(time) || ranges[r].End < time + MinuteTime.OneMinute)
                        throw new ArgumentException($"Row {n} ({time:O}) is outside the newly covered ranges {newlyCovered}.", nameof(batches));
                    rangeStart = ranges[r].Start.ToUnixTimeMilliseconds();
                    rangeEnd = ranges[r].End.ToUnixTimeMilliseconds();
                }
                n++;
            }
        }
    }
}
