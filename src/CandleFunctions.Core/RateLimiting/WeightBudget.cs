namespace CandleFunctions.Core.RateLimiting;

/// <summary>
/// Paces request weight under the exchange's fixed, server-clock-aligned windows, leaving room for other
/// programs on the same IP. A pure state machine: time arrives as the caller's local clock, and the caller
/// serialises access (not thread-safe).
/// </summary>
/// <remarks>
/// The server may count a request sent at local <c>now</c> in any window touched by
/// <c>[server(now) − u, server(now) + u]</c> (u = <see cref="WeightBudgetOptions.ClockUncertainty"/>),
/// so a reservation is charged to every such window and granted only if it fits in each. A window is assumed
/// to hold our reserved weight (landed, in flight or lost) plus the foreign weight: what the headers showed beyond
/// our weight the server had counted, and what the <see cref="Neighbour"/> estimate says other programs will
/// still spend before the window ends.
/// </remarks>
public sealed class WeightBudget
{
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    // How fast the neighbour estimate follows a new window's figures: quicker up (safety) than down.
    private const double RiseWeight = 0.6;
    private const double FallWeight = 0.5;

    // The estimate never claims more than this share of the usable budget, so we keep probing (and learning) every window.
    private const double MaxNeighbourShare = 0.9;

    // How far ahead of the window's clock our pacing lets us spend, as a share of the room left to us.
    private const double PaceLead = 0.25;

    // How soon a request held back by the in-flight cap asks again, at most (the request in flight usually lands sooner).
    private static readonly TimeSpan MaxLandingPoll = TimeSpan.FromMilliseconds(10);

    /// <summary>Windows learnt after the first sight of another program from which its estimate is trusted; before, we leave it more room.</summary>
    public const int MatureAfter = 3;

    // Headers spread over less than this (standard deviation of their positions, as a share of the window) tell no rate.
    private const double MinRateSpread = 0.08;

    private readonly double _safetyFraction;
    private readonly bool _capInFlight;
    private readonly double _maxShare;
    private readonly long _uncertaintyTicks;
    private readonly List<WindowUsage> _windows = [];
    private readonly List<WeightTicket> _tickets = [];
    private readonly List<PendingHeader> _pending = [];
    private DateTimeOffset? _pausedUntil;
    private int _carriedWeight;
    private DateTimeOffset? _carriedUntil;
    private bool _configured;
    private long _lastTicket;
    private long? _learntThrough;
    private bool _settled;
    private int _learntWindows;
    private bool _neighbourSeen;

    /// <summary>Creates a budget paced by <see cref="RateLimitRule.Bootstrap"/> until <see cref="Configure"/> is called.</summary>
    public WeightBudget(WeightBudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _safetyFraction = options.SafetyFraction;
        _maxShare = options.MaxWeightShare;
        _capInFlight = options.CapInFlightAtHalfTheRoom;
        _uncertaintyTicks = options.ClockUncertainty.Ticks;
        Rule = RateLimitRule.Bootstrap;
    }

    /// <summary>The rule windows are counted against.</summary>
    public RateLimitRule Rule { get; private set; }

    /// <summary>Server clock minus local clock.</summary>
    public TimeSpan ServerOffset { get; private set; }

    /// <summary>The most weight everyone on the IP may use per window: floor(Limit × (1 − SafetyFraction)), at least 1.</summary>
    public int Ceiling => Math.Max(1, Rule.Limit - (int)Math.Ceiling((Rule.Limit * _safetyFraction) - 1e-9));

    /// <summary>The most weight we reserve per window: the <see cref="Ceiling"/>, or floor(Limit × MaxWeightShare) if lower.</summary>
    public int Usable => Math.Max(1, Math.Min(Ceiling, (int)Math.Floor((Rule.Limit * _maxShare) + 1e-9)));

    /// <summary>What other programs on the IP are expected to spend per window.</summary>
    public NeighbourEstimate Neighbour { get; private set; } = NeighbourEstimate.None;

    /// <summary>The local instant until which nothing is granted (a 429 pause or a ban), or null if never paused.</summary>
    public DateTimeOffset? PausedUntil => Later(_pausedUntil, BannedUntil);

    /// <summary>The local instant an IP ban ends, or null if never banned; persist it so a restart keeps waiting.</summary>
    public DateTimeOffset? BannedUntil { get; private set; }

    /// <summary>How many 429 responses were reported.</summary>
    public int TooManyRequestsCount { get; private set; }

    /// <summary>How many 418 responses (bans) were reported.</summary>
    public int BanCount { get; private set; }

    /// <summary>A copy of the whole state.</summary>
    public WeightBudgetState State =>
        new(Rule, ServerOffset, _windows.ToArray(), _pausedUntil, BannedUntil, TooManyRequestsCount, BanCount, _configured,
            _carriedWeight, _carriedUntil, _tickets.ToArray(), _lastTicket, Neighbour, _pending.ToArray(), _learntThrough,
            _settled, _learntWindows, _neighbourSeen);

    /// <summary>Restores a budget from <see cref="State"/>.</summary>
    public static WeightBudget FromState(WeightBudgetState state, WeightBudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(state.Rule);
        ArgumentNullException.ThrowIfNull(state.Windows);
        var budget = new WeightBudget(options)
        {
            Rule = state.Rule,
            ServerOffset = state.ServerOffset,
            _pausedUntil = state.PausedUntil,
            BannedUntil = state.BannedUntil,
            TooManyRequestsCount = state.TooManyRequestsCount,
            BanCount = state.BanCount,
            _configured = state.Configured,
            _carriedWeight = state.CarriedWeight,
            _carriedUntil = state.CarriedUntil,
            _lastTicket = state.LastTicket,
            Neighbour = state.Neighbour ?? NeighbourEstimate.None,
            _learntThrough = state.LearntThrough,
            _settled = state.Settled,
            _learntWindows = state.LearntWindows,
            _neighbourSeen = state.NeighbourSeen,
        };
        budget._windows.AddRange(state.Windows.OrderBy(w => w.Index));
        budget._tickets.AddRange(state.Tickets ?? []);
        budget._pending.AddRange(state.Pending ?? []);
        return budget;
    }

    /// <summary>Adopts the exchange's rule and the measured server clock offset, then any header that came before it.</summary>
    /// <remarks>
    /// Windows are indexed on the server's own grid, so a refined offset keeps them as they are; only
    /// a new window length, or the first offset (the bootstrap guess of zero may be far off), needs
    /// the old knowledge carried over.
    /// </remarks>
    public void Configure(RateLimitRule rule, TimeSpan serverOffset)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!_configured || rule.Window != Rule.Window)
            Realign();
        Rule = rule;
        ServerOffset = serverOffset;
        _configured = true;
        // A restarted process learns from its very first response (exchangeInfo) what an earlier one left in the window.
        foreach (var header in _pending.Where(p => p.Window == rule.Window).ToList())
            _ = Record(header.Used, header.At, ticketId: null, header.Ours);
        _pending.Clear();
    }

    /// <summary>Reserves <paramref name="weight"/> for a request about to be sent at <paramref name="now"/>, if every window it may land in has room.</summary>
    public WeightDecision TryReserve(int weight, DateTimeOffset now)
    {
        if (weight < 1 || weight > Usable)
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"A request weight must be between 1 and the usable budget {Usable}.");
        Prune(now);
        if (PausedUntil is { } paused && paused > now)
            return new WeightDecision(false, paused);

        var (first, last) = Band(now);
        long? blocking = null;
        for (var index = first; index <= last; index++)
        {
            if (!Fits(index, weight, now))
                blocking = index;
        }
        if (blocking is { } full)
        {
            // Later windows hold only straddling reservations, carried weight and the neighbour estimate; skip those still too full.
            var retry = full + 1;
            for (var tries = 0; tries < 4 && !Fits(retry, weight, LocalStart(retry)); tries++)
                retry++;
            return new WeightDecision(false, LocalStart(retry) + TimeSpan.FromTicks(_uncertaintyTicks));
        }

        // Slow start: one request at a time until a header has shown what else the window holds (see Land).
        if (_capInFlight && !_settled && _tickets.Count > 0)
            return new WeightDecision(false, now + LandingPoll, AwaitsLanding: true);
        if (_capInFlight && UnseenWindowCapped(first, last, weight, now) is { } unseen)
            return unseen;
        if (_capInFlight && InFlightCapped(first, last, weight, now))
            return new WeightDecision(false, now + LandingPoll, AwaitsLanding: true);

        DateTimeOffset? paced = null;
        for (var index = first; index <= last; index++)
        {
            if (PacedFrom(index, weight, now) is { } from && from > now)
                paced = Later(paced, from);
        }
        if (paced is { } later)
            return new WeightDecision(false, later);

        for (var index = first; index <= last; index++)
        {
            var usage = Find(index);
            Put(usage with { Reserved = usage.Reserved + weight });
        }
        var ticket = new WeightTicket(++_lastTicket, weight, first, last);
        _tickets.Add(ticket);
        return new WeightDecision(true, now, ticket.Id);
    }

    /// <summary>Gives back <paramref name="weight"/> of a reservation that was never sent; the ticket closes when nothing is left.</summary>
    public void Refund(long ticket, int weight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        var at = _tickets.FindIndex(t => t.Id == ticket);
        if (at < 0 || weight == 0)
            return;
        var open = _tickets[at];
        var back = Math.Min(weight, open.Weight);
        foreach (var usage in _windows.Where(w => w.Index >= open.First && w.Index <= open.Last).ToList())
            Put(usage with { Reserved = Math.Max(0, usage.Reserved - back) });
        if (back == open.Weight)
            _tickets.RemoveAt(at);
        else
            _tickets[at] = open with { Weight = open.Weight - back };
    }

    /// <summary>
    /// The last word before <paramref name="ticket"/>'s request leaves: if a 429 or a ban arrived after it was granted,
    /// the reservation is given back and the request must wait for a new one.
    /// </summary>
    /// <returns>True when the request may be sent now.</returns>
    public bool ConfirmSend(long ticket, DateTimeOffset now)
    {
        if (PausedUntil is not { } paused || paused <= now)
            return true;
        Refund(ticket);
        return false;
    }

    /// <summary>Gives back the whole of a reservation that was never sent.</summary>
    public void Refund(long ticket) =>
        Refund(ticket, _tickets.Find(t => t.Id == ticket)?.Weight ?? 0);

    /// <summary>
    /// The response of <paramref name="ticket"/> came back at <paramref name="now"/>: its weight has landed, and the
    /// used-weight headers it carried (any window length; kept until the rule is known) reconcile the budget.
    /// </summary>
    public void Land(long ticket, DateTimeOffset now, IReadOnlyCollection<UsedWeightHeader> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Prune(now);
        var at = _tickets.FindIndex(t => t.Id == ticket);
        var alone = at >= 0 && _tickets.Count == 1;
        if (at >= 0)
        {
            var landed = _tickets[at];
            _tickets.RemoveAt(at);
            for (var index = landed.First; index <= landed.Last; index++)
            {
                var usage = Find(index);
                Put(usage with { Landed = usage.Landed + landed.Weight });
            }
        }
        if (!_configured)
        {
            var ours = _windows.Sum(w => w.Landed);
            _pending.AddRange(headers.Select(h => new PendingHeader(h.Window, h.Used, now, ours)));
            return;
        }
        var placed = false;
        foreach (var header in headers.Where(h => h.Window == Rule.Window))
            placed |= Record(header.Used, now, ticket);
        // The slow start ends with the first header that can be read exactly: its request went alone, so the header less
        // our landed weight is everything else the window holds, and it belongs to one window.
        if (placed && alone)
            _settled = true;
    }

    /// <summary>The request of <paramref name="ticket"/> was sent but no answer came: the server may have counted it, so its weight stays charged.</summary>
    public void Lose(long ticket) => _tickets.RemoveAll(t => t.Id == ticket);

    /// <summary>Reconciles with a used-weight header of the current rule's window, matched to no reservation.</summary>
    /// <remarks>Every reservation still in flight is taken as counted by the server, so the foreign weight is never overestimated.</remarks>
    public void Observe(int usedWeight, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usedWeight);
        Prune(now);
        _ = Record(usedWeight, now, ticketId: null);
    }

    /// <summary>Reacts to a 429: nothing is granted until the server's window has surely turned, or until Retry-After if later.</summary>
    /// <param name="headerWindow">
    /// The window length named by the response's used-weight header: before the rule is known (a restart's
    /// exchangeInfo meeting a window an earlier run filled) the window surely turns within that long, rather than
    /// within the bootstrap rule's minute.
    /// </param>
    public void OnTooManyRequests(DateTimeOffset now, TimeSpan? retryAfter, TimeSpan? headerWindow = null)
    {
        TooManyRequestsCount++;

        // The 429 may come from the later of the windows the server could be in; wait for that one to end.
        var (_, last) = Band(now);
        var until = LocalStart(last + 1) + TimeSpan.FromTicks(_uncertaintyTicks);
        if (!_configured && headerWindow is { } window && window > TimeSpan.Zero && now + window < until)
            until = now + window + TimeSpan.FromTicks(_uncertaintyTicks);
        if (retryAfter is { } wait && now + wait > until)
            until = now + wait;
        _pausedUntil = Later(_pausedUntil, until);
    }

    /// <summary>Reacts to a 418 (IP ban): nothing is granted before <paramref name="until"/>, a local instant.</summary>
    public void OnBanned(DateTimeOffset now, DateTimeOffset until)
    {
        BanCount++;
        BannedUntil = Later(BannedUntil, until);
    }

    /// <summary>The local instant by which the server's clock has surely reached <paramref name="serverInstant"/> (e.g. "banned until").</summary>
    public DateTimeOffset LocalDeadline(DateTimeOffset serverInstant) =>
        serverInstant - ServerOffset + TimeSpan.FromTicks(_uncertaintyTicks);

    /// <summary>The current window as a progress display shows it.</summary>
    public WeightSnapshot Snapshot(DateTimeOffset now)
    {
        var (first, last) = Band(now);
        var used = 0;
        for (var index = first; index <= last; index++)
            used = Math.Max(used, Effective(index, now));
        var current = FloorDiv(ServerTicks(now), Rule.Window.Ticks);
        var paused = PausedUntil is { } p && p > now ? p : (DateTimeOffset?)null;
        return new WeightSnapshot(Math.Min(used, Ceiling), Ceiling, Rule.Limit, LocalStart(current), LocalStart(current + 1), paused);
    }

    /// <summary>Credits a header to the earlier window the server may be in and notes the foreign weight it shows.</summary>
    /// <remarks>
    /// The server counted our landed weight and, most likely, the requests we sent before this one (lower ticket
    /// ids); whatever the header shows beyond that is another program's. Near a boundary the header is credited to
    /// the earlier window, because crediting a full old window to a fresh one would stall a busy client for a whole
    /// window, while missing a new window's first few hundred milliseconds of foreign spend is bounded and corrected
    /// by the next response.
    /// </remarks>
    /// <returns>True when the header could be placed in one window only.</returns>
    private bool Record(int used, DateTimeOffset now, long? ticketId, int ours = 0)
    {
        var (first, last) = Band(now);
        var usage = Find(first);
        var counted = ours + usage.Landed + _tickets
            .Where(t => t.First <= first && t.Last >= first && (ticketId is not { } id || t.Id < id))
            .Sum(t => t.Weight);
        var foreign = Math.Max(0, used - counted);
        var sure = Math.Max(0, used - ours - usage.Reserved);
        if (sure > 0 && !_neighbourSeen)
        {
            _neighbourSeen = true;
            _learntWindows = 0;
        }
        var position = Position(now, first);
        Put(usage with
        {
            SureForeign = Math.Max(usage.SureForeign, sure),
            Observed = Math.Max(usage.Observed, used),
            Foreign = Math.Max(usage.Foreign, foreign),
            FirstSeenAt = usage.FirstSeenAt ?? position,
            LastSeenAt = Math.Max(usage.LastSeenAt, position),
            // Near a boundary the header may belong to the next window (a burst there would look like a late rise here): not learnt from.
            Fit = first == last ? (usage.Fit ?? ForeignFit.Empty).Add(position, foreign) : usage.Fit,
        });
        return first == last;
    }

    /// <summary>Whether <paramref name="weight"/> more fits in window <paramref name="index"/> at <paramref name="now"/>: within our share and under the ceiling with everyone's weight.</summary>
    private bool Fits(long index, int weight, DateTimeOffset now) =>
        Find(index).Reserved + Carried(index) + weight <= OurCap() && Effective(index, now) + weight <= Ceiling;

    /// <summary>
    /// The most of a window we take: <see cref="Usable"/>, or half the <see cref="Ceiling"/> while the estimate of
    /// another program on the IP is young: from the first header showing weight that none of our requests explains
    /// until <see cref="MatureAfter"/> windows have been learnt. A young estimate knows little of what the other program
    /// will spend, and the other may be a process like us that reads the same headers: if each of two takes at most
    /// half, both fit. Only for hosts that ask one request at a time (see
    /// <see cref="WeightBudgetOptions.CapInFlightAtHalfTheRoom"/>).
    /// </summary>
    private int OurCap() =>
        _capInFlight && Young ? Math.Min(Usable, Math.Max(1, Ceiling / 2)) : Usable;

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
        var room = Math.Min(Usable, Ceiling - others);
        if (room <= 0)
            return null;
        var needed = ((usage.Reserved + weight) / (double)room) - PaceLead;
        if (needed <= Position(now, index))
            return null;
        // Whole milliseconds, rounded up, so that the instant is surely later than now.
        var ms = (long)Math.Ceiling(Math.Min(1, needed) * Rule.Window.TotalMilliseconds);
        return LocalStart(index) + TimeSpan.FromMilliseconds(Math.Max(1, ms));
    }

    /// <summary>Our weight from before a realignment that still counts in window <paramref name="index"/>.</summary>
    private int Carried(long index) => _carriedUntil is { } until && LocalStart(index) < until ? _carriedWeight : 0;

    /// <summary>The weight to assume the window will hold: ours, the foreign weight seen, what the neighbour will still spend, and carried weight.</summary>
    private int Effective(long index, DateTimeOffset now)
    {
        var usage = Find(index);
        var position = Position(now, index);
        var (burst, rate) = CappedNeighbour();
        var foreign = position >= 1
            ? usage.Foreign
            : Math.Max(usage.Foreign + (rate * (1 - position)), burst + rate);
        return usage.Reserved + (int)Math.Ceiling(foreign - 1e-9) + Carried(index);
    }

    private (double Burst, double Rate) CappedNeighbour()
    {
        var total = Neighbour.Total;
        var cap = MaxNeighbourShare * Ceiling;
        if (total <= cap)
            return (Neighbour.Burst, Neighbour.Rate);
        var scale = cap / total;
        return (Neighbour.Burst * scale, Neighbour.Rate * scale);
    }

    /// <summary>Learns from a closed window what other programs spend: a burst at its start and a steady rate through it.</summary>
    private void Learn(WindowUsage usage)
    {
        if (usage.Fit is not { Count: > 0 } fit)
            return; // nothing was seen in it: no news about the neighbour
        var (burst, rate) = fit.Line(Neighbour.Rate, MinRateSpread);
        var young = Young;
        Neighbour = new NeighbourEstimate(Blend(Neighbour.Burst, burst, young), Blend(Neighbour.Rate, rate, young));
        if (!_neighbourSeen)
            return;
        if (_learntWindows < MatureAfter)
            _learntWindows++;
        else if (Neighbour.Total <= 0)
        {
            // The other program has gone: the next one seen starts young again.
            _neighbourSeen = false;
            _learntWindows = 0;
        }
    }

    /// <summary>Moves the estimate towards a window's figure: while young, straight up to any higher figure (safety first).</summary>
    private static double Blend(double old, double seen, bool young)
    {
        var rise = young ? 1 : RiseWeight;
        var next = old + ((seen > old ? rise : FallWeight) * (seen - old));
        return next < 0.5 ? 0 : next;
    }

    private long ServerTicks(DateTimeOffset local) => local.UtcTicks - UnixEpochTicks + ServerOffset.Ticks;

    /// <summary>How far into window <paramref name="index"/> the server's clock is at local <paramref name="now"/>, 0 to 1.</summary>
    private double Position(DateTimeOffset now, long index)
    {
        var into = ServerTicks(now) - (index * Rule.Window.Ticks);
        return Math.Clamp(into / (double)Rule.Window.Ticks, 0, 1);
    }

    /// <summary>The first and last window index the server may be in at local <paramref name="now"/>.</summary>
    private (long First, long Last) Band(DateTimeOffset now)
    {
        var server = ServerTicks(now);
        var window = Rule.Window.Ticks;
        return (FloorDiv(server - _uncertaintyTicks, window), FloorDiv(server + _uncertaintyTicks, window));
    }

    private DateTimeOffset LocalStart(long index) =>
        new DateTimeOffset(UnixEpochTicks + (index * Rule.Window.Ticks), TimeSpan.Zero) - ServerOffset;

    private WindowUsage Find(long index) =>
        _windows.Find(w => w.Index == index) ?? new WindowUsage(index, 0, 0);

    private void Put(WindowUsage usage)
    {
        var at = _windows.FindIndex(w => w.Index >= usage.Index);
        if (at < 0)
            _windows.Add(usage);
        else if (_windows[at].Index == usage.Index)
            _windows[at] = usage;
        else
            _windows.Insert(at, usage);
    }

    /// <summary>
    /// Learns from every window that has surely closed, and drops windows that can no longer be charged, keeping one
    /// spare in case callers' clocks step back a little.
    /// </summary>
    private void Prune(DateTimeOffset now)
    {
        var (first, _) = Band(now);
        foreach (var closed in _windows.Where(w => w.Index < first && (_learntThrough is not { } learnt || w.Index > learnt)).ToList())
        {
            Learn(closed);
            _learntThrough = closed.Index;
        }
        _windows.RemoveAll(w => w.Index < first - 1);
        // A ticket whose windows are all gone can no longer land anywhere.
        _tickets.RemoveAll(t => t.Last < first - 1);
        if (_carriedUntil is { } until && LocalStart(first - 1) >= until)
        {
            _carriedWeight = 0;
            _carriedUntil = null;
        }
    }

    /// <summary>
    /// Carries what the old window grid knew onto the new one: its weight counts in every new window
    /// that starts before the old grid's last window has surely ended. Coarse, but always on the safe
    /// side, and it only happens on the first Configure (little bootstrap weight) or a new window length.
    /// </summary>
    private void Realign()
    {
        var live = _windows.Where(w => w.Reserved > 0 || w.Observed > 0).ToList();
        if (live.Count > 0)
        {
            _carriedWeight += live.Sum(w => Math.Max(w.Reserved, w.Observed));
            var until = LocalStart(live.Max(w => w.Index) + 1) + TimeSpan.FromTicks(_uncertaintyTicks);
            _carriedUntil = Later(_carriedUntil, until);
        }
        _windows.Clear();
        _tickets.Clear();
        _learntThrough = null;
    }

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a > b ? a : b);
}
