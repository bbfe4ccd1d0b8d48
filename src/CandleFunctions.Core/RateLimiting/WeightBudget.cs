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
public sealed partial class WeightBudget
{
    /// <summary>
    /// Windows after the first sight of another program whose headers told its spending (spread over the window) and, after
    /// the first, matched the estimate before them, from which the estimate is trusted; before, we leave it more room.
    /// </summary>
    public const int MatureAfter = 2;

    // A clock sample slower than this says the link or machine is broken, not how far off the clock is; it is not trusted further.
    private static readonly TimeSpan MaxUncertainty = TimeSpan.FromSeconds(10);

    private readonly double _safetyFraction;
    private readonly bool _capInFlight;
    private readonly double _maxShare;
    private readonly long _optionsUncertaintyTicks;
    private long _uncertaintyTicks;
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
    private double _lastFitTotal;
    // A new process cannot tell yet whether another one started with it: it counts as having seen one until a whole
    // window's headers have shown nobody else.
    private bool _neighbourSeen = true;

    /// <summary>Creates a budget paced by <see cref="RateLimitRule.Bootstrap"/> until <see cref="Configure"/> is called.</summary>
    public WeightBudget(WeightBudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _safetyFraction = options.SafetyFraction;
        _maxShare = options.MaxWeightShare;
        _capInFlight = options.CapInFlightAtHalfTheRoom;
        _optionsUncertaintyTicks = options.ClockUncertainty.Ticks;
        _uncertaintyTicks = _optionsUncertaintyTicks;
        Rule = RateLimitRule.Bootstrap;
    }

    /// <summary>Whether the exchange's rule and clock offset are known (<see cref="Configure"/>), not the bootstrap guess.</summary>
    public bool IsConfigured => _configured;

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
            _settled, _learntWindows, _neighbourSeen, _lastFitTotal, ClockUncertainty);

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
            _lastFitTotal = state.LastFitTotal,
        };
        if (state.ClockUncertainty is { } uncertainty && uncertainty.Ticks > budget._uncertaintyTicks)
            budget._uncertaintyTicks = Math.Min(uncertainty.Ticks, MaxUncertainty.Ticks);
        budget._windows.AddRange(state.Windows.OrderBy(w => w.Index));
        budget._tickets.AddRange(state.Tickets ?? []);
        budget._pending.AddRange(state.Pending ?? []);
        return budget;
    }

    /// <summary>How far a request's counting instant may lie from our estimate of the server's clock when it is sent, either way.</summary>
    /// <value><see cref="WeightBudgetOptions.ClockUncertainty"/>, or the clock sample's round trip if that was longer.</value>
    public TimeSpan ClockUncertainty => TimeSpan.FromTicks(_uncertaintyTicks);

    /// <summary>Adopts the exchange's rule and the measured server clock offset, then any header that came before it.</summary>
    /// <remarks>
    /// Windows are indexed on the server's own grid, so a refined offset keeps them as they are; only
    /// a new window length, or the first offset (the bootstrap guess of zero may be far off), needs
    /// the old knowledge carried over.
    /// </remarks>
    /// <param name="rule">The exchange's REQUEST_WEIGHT rule.</param>
    /// <param name="serverOffset">Server clock minus local clock.</param>
    /// <param name="sampleRoundTrip">
    /// The round trip of the clock sample <paramref name="serverOffset"/> came from. The server stamped its time somewhere
    /// inside it, so the offset may be off by half of it, and a request may take as long again to be counted: when it is
    /// longer than <see cref="WeightBudgetOptions.ClockUncertainty"/> (a loaded machine, a slow link), each reservation is
    /// charged to the windows that far either side, or requests released at a window's start would still be counted in the
    /// full window before it.
    /// </param>
    public void Configure(RateLimitRule rule, TimeSpan serverOffset, TimeSpan sampleRoundTrip = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _uncertaintyTicks = Math.Max(_optionsUncertaintyTicks, Math.Min(sampleRoundTrip.Ticks, MaxUncertainty.Ticks));
        if (!_configured || rule.Window != Rule.Window)
            Realign();
        Rule = rule;
        ServerOffset = serverOffset;
        _configured = true;
        // A restarted process learns from its very first response (exchangeInfo) what an earlier one left in the window.
        foreach (var header in _pending.Where(p => p.Window == rule.Window).ToList())
            _ = Record(header.Used, header.At, ticketId: null);
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
        var probing = false;
        for (var index = first; index <= last; index++)
        {
            if (Fits(index, weight, now))
                continue;
            if (first == last && Probe(index, weight, now) is { } probe)
            {
                if (!probe.Granted)
                    return probe;
                probing = true;
                continue;
            }
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
            Put(usage with { Reserved = usage.Reserved + weight, ProbedAt = probing ? Position(now, index) : usage.ProbedAt });
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
    /// The last word before <paramref name="ticket"/>'s request leaves: if a 429 or a ban arrived after it was granted, or
    /// the clock has since moved into a window it was not charged to, the reservation is given back and the request must
    /// wait for a new one.
    /// </summary>
    /// <returns>True when the request may be sent now.</returns>
    public bool ConfirmSend(long ticket, DateTimeOffset now)
    {
        var paused = PausedUntil is { } until && until > now;
        // Granted a while ago (a busy machine runs the sender late): the server may now count it in a window it was not charged to.
        var stale = _tickets.Find(t => t.Id == ticket) is { } open && Band(now).Last > open.Last;
        if (!paused && !stale)
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
        WeightTicket? landed = null;
        if (at >= 0)
        {
            landed = _tickets[at];
            _tickets.RemoveAt(at);
            for (var index = landed.First; index <= landed.Last; index++)
            {
                var usage = Find(index);
                Put(usage with { Landed = usage.Landed + landed.Weight });
            }
        }
        if (!_configured)
        {
            _pending.AddRange(headers.Select(h => new PendingHeader(h.Window, h.Used, now)));
            return;
        }
        var placed = false;
        foreach (var header in headers.Where(h => h.Window == Rule.Window))
            placed |= Record(header.Used, now, ticket, landed);
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

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a > b ? a : b);
}
