using CandleFunctions.Core.Candles;

namespace CandleFunctions.Core.Adoption;

/// <summary>
/// Finds the clock a file was written in: the one under which the most sampled rows equal the exchange's candles.
/// Tries UTC and every constant offset (15-minute steps within ±14 h), then the given time zones when no constant
/// offset explains every row (a file that crosses a daylight-saving change). Zones are tried in the order given.
/// </summary>
public static class ClockDetector
{
    /// <summary>The best clock for the rows at <paramref name="sampled"/>; <paramref name="forced"/> skips the search.</summary>
    public static ClockMatch Detect(
        IReadOnlyList<Candle> rows,
        IReadOnlyList<int> sampled,
        ExchangeSample exchange,
        IEnumerable<TimeZoneInfo> zones,
        SourceClock? forced = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(sampled);
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(zones);
        if (forced is not null)
            return Score(rows, sampled, exchange, forced);

        ClockMatch? best = null;
        foreach (var clock in SourceClock.AllOffsets())
        {
            var match = Score(rows, sampled, exchange, clock);
            if (best is null || match.Matched > best.Matched)
                best = match;
        }
        if (best!.All || best.Matched == 0)
            return best;

        // A zone can only win if it uses the best constant offset for part of the sample. Zones with the same rules
        // score the same: the first in the caller's order (most likely first) is the one reported.
        var near = zones.Where(z => z.SupportsDaylightSavingTime && Math.Abs((z.BaseUtcOffset - best.Clock.Offset).TotalHours) <= 2);
        foreach (var zone in near)
        {
            // Fewer mismatches wins: the repeated fall-back hour is skipped, not counted against the zone.
            var match = Score(rows, sampled, exchange, SourceClock.InZone(zone));
            if (match.Wrong < best.Wrong && match.Matched * 2 > match.Compared)
                best = match;
        }
        return best;
    }

    /// <summary>How many sampled rows equal the exchange's candle under <paramref name="clock"/>.</summary>
    public static ClockMatch Score(IReadOnlyList<Candle> rows, IReadOnlyList<int> sampled, ExchangeSample exchange, SourceClock clock)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(sampled);
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(clock);
        long matched = 0, compared = 0, open = 0;
        foreach (var i in sampled)
        {
            if (!clock.TryToUtc(rows[i].Timestamp, out var utc) || !exchange.Knows(utc))
                continue;
            compared++;
            if (exchange.At(utc) is not { } candle)
                continue;
            if (SameValues(rows[i], candle))
                matched++;
            else if (IsOpenCandleOf(rows[i], candle))
                open++;
        }
        return new ClockMatch(clock, matched, compared, open);
    }

    /// <summary>
    /// True when <paramref name="stored"/> could be <paramref name="closed"/> seen before its minute ended: the same open,
    /// high and low inside the final ones, no more volume.
    /// </summary>
    public static bool IsOpenCandleOf(Candle stored, Candle closed)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(closed);
        return stored.Open == closed.Open && stored.High <= closed.High && stored.Low >= closed.Low
            && stored.Low <= stored.High && stored.Volume <= closed.Volume;
    }

    /// <summary>Numeric equality of the five values (<c>86496.9</c> equals <c>86496.90</c>).</summary>
    public static bool SameValues(Candle a, Candle b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Open == b.Open && a.High == b.High && a.Low == b.Low && a.Close == b.Close && a.Volume == b.Volume;
    }
}
