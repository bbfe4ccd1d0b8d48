using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Core.Adoption;

/// <summary>
/// Chooses which of a file's rows are compared with the exchange: the first and last days, a spread of days weighted
/// toward the end, the last day of the latest blocks, and (after the clock is known) the last row of every block.
/// Rows arrive in file order with their timestamps as written.
/// </summary>
public static class AdoptionSampler
{
    // Points of the file's span whose preceding hours are sampled besides its ends: denser toward the end, where the
    // open candle sat.
    private static readonly double[] s_spread = [0.25, 0.5, 0.75, 0.9];

    /// <summary>The latest blocks whose last hours are sampled to find the clock; every block end is checked afterwards.</summary>
    private const int BlockWindows = 4;

    /// <summary>How much of the file one sample window holds.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromHours(6);

    /// <summary>Indices of the last row of every contiguous block (a run of consecutive written minutes, repeats allowed).</summary>
    public static IReadOnlyList<int> BlockEnds(IReadOnlyList<Candle> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ends = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            // A minute written again at once (a batch boundary) continues the block; its copies are compared instead.
            var next = i == rows.Count - 1 ? (DateTimeOffset?)null : rows[i + 1].Timestamp;
            if (next != rows[i].Timestamp + MinuteTime.OneMinute && next != rows[i].Timestamp)
                ends.Add(i);
        }
        return ends;
    }

    /// <summary>
    /// The written windows whose rows are compared to find the clock: six hours at the start and at the end of the
    /// file, at a spread of points between, and at the end of the latest blocks. The last one holds the file's last row.
    /// </summary>
    public static IReadOnlyList<UtcRange> SampleWindows(IReadOnlyList<Candle> rows, IReadOnlyList<int> blockEnds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(blockEnds);
        if (rows.Count == 0)
            return [];
        var first = rows.Min(r => r.Timestamp);
        var last = rows.Max(r => r.Timestamp) + MinuteTime.OneMinute;
        var ends = new SortedSet<DateTimeOffset> { first + Window };
        foreach (var fraction in s_spread)
            ends.Add(MinuteTime.Floor(first + ((last - first) * fraction)));
        foreach (var end in blockEnds.TakeLast(BlockWindows))
            ends.Add(rows[end].Timestamp + MinuteTime.OneMinute);
        ends.Remove(last);
        ends.Add(last);
        return CoverageSet.Of(ends.Select(e => new UtcRange(e - Window < first ? first : e - Window, e > last ? last : e))).Ranges
            .OrderBy(w => w.Contains(last - MinuteTime.OneMinute))
            .ToList();
    }

    /// <summary>UTC minutes holding every candle the rows written in <paramref name="window"/> can stand for, whatever their clock.</summary>
    public static CoverageSet AnyClock(UtcRange window) => CoverageSet.Of(SourceClock.Widened(window));

    /// <summary>
    /// UTC minutes holding the candles of the rows written in <paramref name="windows"/> when they are in (about)
    /// <paramref name="clock"/>: shifted by its offset, with two hours either side for a daylight-saving change.
    /// </summary>
    public static CoverageSet NearClock(IEnumerable<UtcRange> windows, SourceClock clock)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(clock);
        var margin = TimeSpan.FromHours(2);
        var offset = clock.Zone?.BaseUtcOffset ?? clock.Offset;
        return CoverageSet.Of(windows.Select(w => new UtcRange(w.Start - offset - margin, w.End - offset + margin)));
    }

    /// <summary>
    /// Indices of the rows written inside <paramref name="windows"/> that find the clock: block ends are left out (the
    /// notebook stored the still-open minute there, so they are checked one by one once the clock is known).
    /// </summary>
    public static IReadOnlyList<int> SampledRows(IReadOnlyList<Candle> rows, IEnumerable<UtcRange> windows, IReadOnlyList<int> blockEnds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(blockEnds);
        var inside = CoverageSet.Of(windows);
        var ends = blockEnds.ToHashSet();
        var sampled = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (!ends.Contains(i) && inside.Contains(rows[i].Timestamp))
                sampled.Add(i);
        }
        return sampled;
    }

    /// <summary>
    /// UTC minutes the repair needs from the exchange once the clock is known: every block's last row, every minute
    /// written more than once with different values, and both readings of a local time that a daylight-saving change
    /// wrote twice.
    /// </summary>
    public static CoverageSet RepairWindows(IReadOnlyList<Candle> rows, IReadOnlyList<int> blockEnds, SourceClock clock)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(clock);
        var minutes = new List<UtcRange>();
        foreach (var end in blockEnds)
            AddReadings(minutes, rows[end].Timestamp, clock);
        // A minute written twice with the same values needs no check: only the last candle of a request can be open, so
        // equal copies were both closed. Copies that differ (an open candle, then the closed one) are checked.
        var first = new Dictionary<DateTimeOffset, Candle>();
        foreach (var row in rows)
        {
            if (!clock.TryToUtc(row.Timestamp, out _))
                AddReadings(minutes, row.Timestamp, clock);
            else if (!first.TryAdd(row.Timestamp, row) && !ClockDetector.SameValues(first[row.Timestamp], row))
                AddReadings(minutes, row.Timestamp, clock);
        }
        return CoverageSet.Of(minutes);
    }

    /// <summary>Every UTC minute the rows can stand for in <paramref name="clock"/>: what comparing every row needs.</summary>
    public static CoverageSet EveryRow(IReadOnlyList<Candle> rows, SourceClock clock)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(clock);
        var minutes = new List<UtcRange>();
        foreach (var row in rows)
        {
            // Consecutive minutes extend the last range, so a year of rows becomes a handful of ranges.
            foreach (var utc in Readings(row.Timestamp, clock))
            {
                if (minutes.Count > 0 && minutes[^1].End == utc)
                    minutes[^1] = new UtcRange(minutes[^1].Start, utc + MinuteTime.OneMinute);
                else
                    minutes.Add(new UtcRange(utc, utc + MinuteTime.OneMinute));
            }
        }
        return CoverageSet.Of(minutes);
    }

    /// <summary>Every UTC minute <paramref name="written"/> can stand for in <paramref name="clock"/> (two in a repeated hour).</summary>
    public static IEnumerable<DateTimeOffset> Readings(DateTimeOffset written, SourceClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (clock.TryToUtc(written, out var utc))
        {
            yield return utc;
            yield break;
        }
        var local = DateTime.SpecifyKind(written.UtcDateTime, DateTimeKind.Unspecified);
        if (clock.Zone is { } zone && zone.IsAmbiguousTime(local))
        {
            foreach (var offset in zone.GetAmbiguousTimeOffsets(local))
                yield return written - offset;
        }
    }

    private static void AddReadings(List<UtcRange> minutes, DateTimeOffset written, SourceClock clock)
    {
        foreach (var utc in Readings(written, clock))
            minutes.Add(new UtcRange(utc, utc + MinuteTime.OneMinute));
    }
}
