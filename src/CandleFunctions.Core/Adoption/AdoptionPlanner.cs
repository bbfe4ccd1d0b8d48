using System.Globalization;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Core.Adoption;

/// <summary>
/// Decides what a file's rows become, given the clock found for them and the exchange's candles: rows in UTC, every
/// minute once, a row the exchange answered for replaced by the exchange's candle, and nothing kept that was not
/// verified when the sample showed the file cannot be trusted as a whole.
/// </summary>
public static class AdoptionPlanner
{
    private const int MismatchesReported = 5;

    /// <summary>Plans the repair of <paramref name="rows"/> (file order, timestamps as written).</summary>
    public static AdoptionPlan Plan(
        IReadOnlyList<Candle> rows,
        IReadOnlyList<int> blockEnds,
        ClockMatch match,
        ExchangeSample exchange)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(blockEnds);
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(exchange);
        var verdict = Judge(match);
        if (verdict == AdoptionVerdict.Unrecognisable)
            return new AdoptionPlan(verdict, match, [], CoverageSet.Empty, RepairCounts.None, []);

        var clock = match.Clock;
        var ends = blockEnds.ToHashSet();
        var groups = new Dictionary<DateTimeOffset, Group>();
        long shifted = 0, repeated = 0;
        var fromRepeatedHour = new List<DateTimeOffset>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!clock.TryToUtc(row.Timestamp, out var utc))
            {
                // A local time written twice by a daylight-saving change: neither copy says which hour it was.
                repeated++;
                fromRepeatedHour.AddRange(AdoptionSampler.Readings(row.Timestamp, clock));
                continue;
            }
            if (utc != row.Timestamp)
                shifted++;
            if (groups.TryGetValue(utc, out var group))
            {
                group.Count++;
                group.Agree &= ClockDetector.SameValues(group.Row, row);
            }
            else
                groups[utc] = new Group(row with { Timestamp = utc }, ends.Contains(i), row.Timestamp);
        }

        // An open candle inside a block: the notebook's next run went on at the following minute, so any run's end may hide
        // one, and run ends inside a block cannot be seen. Once the sample finds one, no unverified row is trusted.
        var openInsideBlocks = groups.Values.LongCount(g =>
            g.Count == 1 && !g.BlockEnd && exchange.At(g.Row.Timestamp) is { } closed
            && !ClockDetector.SameValues(g.Row, closed) && ClockDetector.IsOpenCandleOf(g.Row, closed));
        var trustUnverified = verdict != AdoptionVerdict.PartlyWrong && openInsideBlocks == 0;
        var output = new SortedDictionary<DateTimeOffset, Candle>();
        long replaced = 0, duplicates = repeated, dropped = 0;
        var mismatches = new List<string>();
        foreach (var (utc, group) in groups)
        {
            duplicates += group.Count - 1;
            var truth = exchange.At(utc);
            if (exchange.Knows(utc))
            {
                if (truth is null)
                {
                    dropped++;
                    Note(mismatches, group, "the exchange has no candle at this minute");
                    continue;
                }
                // The exchange's own text even where the values are equal: the file then holds its exact digits.
                output[utc] = truth;
                if (group.Count == 1 && !ClockDetector.SameValues(group.Row, truth))
                {
                    replaced++;
                    Note(mismatches, group, Difference(group.Row, truth));
                }
                continue;
            }
            // Unverified: a block's last row (possibly the open minute), a minute written twice with different values, or
            // any row of a file the sample caught lying or hiding open candles is left for the sync to fetch.
            if (group.BlockEnd || !group.Agree || !trustUnverified)
            {
                dropped++;
                continue;
            }
            output[utc] = group.Row;
        }
        foreach (var utc in fromRepeatedHour)
        {
            if (!output.ContainsKey(utc) && exchange.At(utc) is { } truth)
            {
                output[utc] = truth;
                replaced++;
            }
        }

        var candles = output.Values.ToList();
        var trusted = Minutes(candles);
        var holes = candles.Count == 0 ? 0 : (long)(candles[^1].Timestamp - candles[0].Timestamp).TotalMinutes + 1 - candles.Count;
        return new AdoptionPlan(verdict, match, candles, trusted, new RepairCounts(shifted, replaced, duplicates, dropped, holes), mismatches)
        {
            OpenInsideBlocks = openInsideBlocks,
        };
    }

    /// <summary>The verdict the sample supports: all rows match, most do, or not even half.</summary>
    public static AdoptionVerdict Judge(ClockMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        if (match.Compared == 0 || (match.Matched + match.Open) * 2 <= match.Compared)
            return AdoptionVerdict.Unrecognisable;
        if (match.All)
            return match.Clock.IsUtc ? AdoptionVerdict.Matches : AdoptionVerdict.LocalTime;
        return AdoptionVerdict.PartlyWrong;
    }

    private static CoverageSet Minutes(IReadOnlyList<Candle> ascending)
    {
        var ranges = new List<UtcRange>();
        for (var i = 0; i < ascending.Count;)
        {
            var start = ascending[i].Timestamp;
            var end = start + MinuteTime.OneMinute;
            for (i++; i < ascending.Count && ascending[i].Timestamp == end; i++)
                end += MinuteTime.OneMinute;
            ranges.Add(new UtcRange(start, end));
        }
        return CoverageSet.Of(ranges);
    }

    private static void Note(List<string> mismatches, Group group, string what)
    {
        if (mismatches.Count >= MismatchesReported)
            return;
        var at = group.Row.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var written = group.Written.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        mismatches.Add(at == written ? $"{at}: {what}" : $"{at} (written {written}): {what}");
    }

    private static string Difference(Candle stored, Candle truth)
    {
        var parts = new List<string>();
        Add("open", stored.Open, truth.Open);
        Add("high", stored.High, truth.High);
        Add("low", stored.Low, truth.Low);
        Add("close", stored.Close, truth.Close);
        Add("volume", stored.Volume, truth.Volume);
        return string.Join(", ", parts);

        void Add(string name, decimal mine, decimal theirs)
        {
            if (mine != theirs)
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {mine} (exchange {theirs})"));
        }
    }

    private sealed class Group(Candle row, bool blockEnd, DateTimeOffset written)
    {
        public Candle Row { get; } = row;

        public bool BlockEnd { get; } = blockEnd;

        public DateTimeOffset Written { get; } = written;

        public int Count { get; set; } = 1;

        /// <summary>True while every copy of the minute has the same values.</summary>
        public bool Agree { get; set; } = true;
    }
}
