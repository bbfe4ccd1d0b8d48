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
    // Fractions of the file's span sampled besides its ends: denser toward the end, where the open candle sat.
    private static readonly double[] s_spread = [0.25, 0.5, 0.75, 0.9];

    /// <summary>Block ends sampled whole (their day) to find the clock; every block end is checked afterwards.</summary>
    private const int BlockDays = 4;

    /// <summary>Indices of the last row of every contiguous block (a run of consecutive written minutes).</summary>
    public static IReadOnlyList<int> BlockEnds(IReadOnlyList<Candle> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ends = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (i == rows.Count - 1 || rows[i + 1].Timestamp != rows[i].Timestamp + MinuteTime.OneMinute)
                ends.Add(i);
        }
        return ends;
    }

    /// <summary>The written days (midnight to midnight, as written) whose rows are compared to find the clock.</summary>
    public static IReadOnlyList<UtcRange> SampleDays(IReadOnlyList<Candle> rows, IReadOnlyList<int> blockEnds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(blockEnds);
        if (rows.Count == 0)
            return [];
        var first = rows.Min(r => r.Timestamp);
        var last = rows.Max(r => r.Timestamp);
        var days = new SortedSet<DateTimeOffset> { Day(first), Day(last) };
        foreach (var fraction in s_spread)
            days.Add(Day(first + ((last - first) * fraction)));
        foreach (var end in blockEnds.TakeLast(BlockDays))
            days.Add(Day(rows[end].Timestamp));
        return days.Select(d => new UtcRange(d, d.AddDays(1))).ToList();
    }

    /// <summary>UTC minutes holding every candle the sampled days' rows can stand for, whatever their clock.</summary>
    public static CoverageSet DetectionWindows(IReadOnlyList<UtcRange> sampleDays) =>
        CoverageSet.Of(sampleDays.Select(SourceClock.Widened));

    /// <summary>
    /// Indices of the rows on the sampled days that find the clock: block ends are left out (the notebook stored the
    /// still-open minute there, so they are checked one by one once the clock is known).
    /// </summary>
    public static IReadOnlyList<int> SampledRows(IReadOnlyList<Candle> rows, IReadOnlyList<UtcRange> sampleDays, IReadOnlyList<int> blockEnds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(sampleDays);
        var days = sampleDays.Select(d => d.Start).ToHashSet();
        var ends = blockEnds.ToHashSet();
        var sampled = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (!ends.Contains(i) && days.Contains(Day(rows[i].Timestamp)))
                sampled.Add(i);
        }
        return sampled;
    }

    /// <summary>
    /// UTC minutes the repair needs from the exchange once the clock is known: every block's last row, every minute
    /// written more than once, and both readings of a local time that a daylight-saving change wrote twice.
    /// </summary>
    public static CoverageSet RepairWindows(IReadOnlyList<Candle> rows, IReadOnlyList<int> blockEnds, SourceClock clock)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(clock);
        var minutes = new List<UtcRange>();
        foreach (var end in blockEnds)
            AddReadings(minutes, rows[end].Timestamp, clock);
        var seen = new HashSet<DateTimeOffset>();
        foreach (var row in rows)
        {
            if (!seen.Add(row.Timestamp) || !clock.TryToUtc(row.Timestamp, out _))
                AddReadings(minutes, row.Timestamp, clock);
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

    private static DateTimeOffset Day(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);
}
