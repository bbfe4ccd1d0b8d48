namespace CandleFunctions.Core.RateLimiting;

/// <summary>The rules that decide how much of a window is ours: our share, the start-up and young-estimate caps, what may be in flight, pacing.</summary>
public sealed partial class WeightBudget
{
    // How far ahead of the window's clock our pacing lets us spend, as a share of the room left to us.
    private const double PaceLead = 0.25;

    // How soon a request held back by the in-flight cap asks again, at most (the request in flight usually lands sooner).
    private static readonly TimeSpan MaxLandingPoll = TimeSpan.FromMilliseconds(10);

    /// <summary>Whether <paramref name="weight"/> more fits in window <paramref name="index"/> at <paramref name="now"/>: within our share and under the ceiling with everyone's weight.</summary>
    private bool Fits(long index, int weight, DateTimeOffset now) =>
        Find(index).Reserved + Carried(index) + weight <= OurCap() && Effective(index, now) + weight <= Ceiling;

    /// <summary>
    /// The most of a window we take: <see cref="Usable"/>, or half the <see cref="Ceiling"/> while the estimate of
    /// another program on the IP is young: from the start (another process may have started with us) until a whole
    /// window's headers show nobody else, and from the first header showing weight that none of our requests explains
    /// until <see cref="MatureAfter"/> windows have been learnt. A young estimate knows little of what the other program
    /// will spend, and the other may be a process like us that reads the same headers: if each of two takes at most
    /// half, both fit. Only for hosts that ask one request at a time (see
    /// <see cref="WeightBudgetOptions.CapInFlightAtHalfTheRoom"/>).
    /// </summary>
    private int OurCap() =>
        _capInFlight && _configured && Young ? Math.Min(Usable, Math.Max(1, Ceiling / 2)) : Usable;

    private bool Young => _neighbourSeen && _learntWindows < MatureAfter;

    /// <summary>
    /// Holds us to half of the room in a window of the band that no header has yet been credited to alone: there the
    /// weight of another process that started with us (or whose headers we cannot yet place in this window rather than
    /// the one before) is unknown, and if each of two such processes takes at most half, both fit. Our first request in
    /// the window always goes, and so does one request with none of ours in flight once the band is this window alone:
    /// its header is what makes the window known. Null when the request may go on to the other rules.
    /// </summary>
    private WeightDecision? UnseenWindowCapped(long first, long last, int weight, DateTimeOffset now)
    {
        var inFlight = _tickets.Count > 0;
        for (var index = first; index <= last; index++)
        {
            var usage = Find(index);
            if (usage.Fit is { Count: > 0 } || usage.Reserved == 0)
                continue;
            var room = Math.Min(Usable, Ceiling - (Effective(index, now) - usage.Reserved));
            if (2 * (usage.Reserved + weight) <= room)
                continue;
            if (first == last && !inFlight)
                return null; // the probe: its header makes the window known
            return inFlight
                ? new WeightDecision(false, now + LandingPoll, AwaitsLanding: true)
                : new WeightDecision(false, LocalStart(last) + TimeSpan.FromTicks(_uncertaintyTicks) + TimeSpan.FromMilliseconds(1));
        }
        return null;
    }

    /// <summary>
    /// The decision for a request that fits window <paramref name="index"/> as far as its headers and the estimate go,
    /// but not once another program's pace in it is projected to the window's end (see <see cref="Effective"/>): a probe,
    /// one request with none of ours in flight, a <see cref="ProbeSpacing"/> after the window's latest header or probe. Its header
    /// tells a steady spender (the projection stands) from one that spent in a burst (its pace falls to nothing and the
    /// room opens). Null when the request does not fit even without the projection, or is heavier than a probe may be
    /// (<see cref="ProbeMaxWeight"/>: the durable entity's wave then shrinks to a probe's size).
    /// </summary>
    private WeightDecision? Probe(long index, int weight, DateTimeOffset now)
    {
        var usage = Find(index);
        if (!Young || weight > ProbeMaxWeight || usage.Reserved + Carried(index) + weight > OurCap() || Effective(index, now, projected: false) + weight > Ceiling)
            return null;
        if (_tickets.Count > 0)
            return new WeightDecision(false, now + LandingPoll, AwaitsLanding: true);
        // Spaced from the latest header and from the latest probe sent: a probe whose answer carried no header tells nothing.
        var due = LocalStart(index) + (Math.Max(usage.LastSeenAt, usage.ProbedAt ?? 0) * Rule.Window) + ProbeSpacing;
        return due > now ? new WeightDecision(false, due) : new WeightDecision(true, now);
    }

    /// <summary>
    /// The most a probe may spend: the safety margin (limit less ceiling), for if the projection is right the probe lands
    /// in a full window; at least one page at the best rate (499 candles, weight 2), or no probe could go in a small window.
    /// </summary>
    private int ProbeMaxWeight => Math.Max(Rule.Limit - Ceiling, KlineWeights.ForLimit(KlineWeights.DefaultLimit - 1));

    /// <summary>How far apart two headers of a window must lie for the weight between them to tell a pace: a sixteenth of the window, and at least twice the clock's uncertainty.</summary>
    private TimeSpan ProbeSpacing =>
        TimeSpan.FromTicks(Math.Min(Rule.Window.Ticks, Math.Max(Rule.Window.Ticks / 16, 2 * _uncertaintyTicks)));

    private double ProbeSpacingShare => ProbeSpacing.Ticks / (double)Rule.Window.Ticks;

    private TimeSpan LandingPoll =>
        TimeSpan.FromTicks(Math.Min(MaxLandingPoll.Ticks, Math.Max(TimeSpan.TicksPerMillisecond, Rule.Window.Ticks / 100)));

    /// <summary>
    /// Whether <paramref name="weight"/> more would put over half of the room we see in a window of the band in flight.
    /// Another process's weight shows only in headers, which are stale by its requests in flight, so two processes can
    /// each see room that only one of them will get; if each keeps at most half of what it sees in flight, both fit.
    /// It applies even when no other program has been seen yet: two processes starting together each see the other
    /// only after a round trip, and near a window's start its headers may be credited to the window before. Alone, it
    /// costs a round trip or two at the very top of each window. One request may always be in flight, so near the
    /// ceiling we send one at a time: each answer brings a fresh header, and if the window is full after all only that
    /// one request draws a 429 (the server bans after three in a window).
    /// </summary>
    private bool InFlightCapped(long first, long last, int weight, DateTimeOffset now)
    {
        for (var index = first; index <= last; index++)
        {
            var inFlight = _tickets.Where(t => t.First <= index && t.Last >= index).Sum(t => t.Weight);
            if (inFlight == 0)
                continue;
            var seen = Ceiling - (Effective(index, now) - inFlight);
            if (2 * (inFlight + weight) > seen)
                return true;
        }
        return false;
    }

    /// <summary>
    /// When another program shares the IP, the local instant from which <paramref name="weight"/> more keeps our
    /// window's spending paced: by position p of the window we use at most p + <see cref="PaceLead"/> of the room left to
    /// us. Spreading our requests leaves a steady neighbour its weight as it goes, makes the two of us less likely to
    /// grab the same room at once, and spreads our headers over the window so its spending can be told apart.
    /// Null when no other program has been seen (then we take the window as fast as it allows).
    /// </summary>
    private DateTimeOffset? PacedFrom(long index, int weight, DateTimeOffset now)
    {
        var usage = Find(index);
        if (Neighbour.Total <= 0 && usage.Foreign <= 0)
            return null;
        var others = Effective(index, now) - usage.Reserved;
        // Paced against the most we may take: held to half while young, we still spread over the window, and so do our
        // headers, from which a steady neighbour's rate is learnt before the estimate is trusted.
        var room = Math.Min(OurCap(), Ceiling - others);
        if (room <= 0)
            return null;
        var needed = ((usage.Reserved + weight) / (double)room) - PaceLead;
        if (needed <= Position(now, index))
            return null;
        // Whole milliseconds, rounded up, so that the instant is surely later than now.
        var ms = (long)Math.Ceiling(Math.Min(1, needed) * Rule.Window.TotalMilliseconds);
        return LocalStart(index) + TimeSpan.FromMilliseconds(Math.Max(1, ms));
    }
}
