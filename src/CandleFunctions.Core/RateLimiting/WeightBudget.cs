namespace CandleFunctions.Core.RateLimiting;

/// <summary>
/// Paces request weight under the exchange's fixed, server-clock-aligned windows. A pure state
/// machine: time arrives as the caller's local clock, and the caller serialises access (not thread-safe).
/// </summary>
/// <remarks>
/// The server may count a request sent at local <c>now</c> in any window touched by
/// <c>[server(now) − u, server(now) + u]</c> (u = <see cref="WeightBudgetOptions.ClockUncertainty"/>),
/// so a reservation is charged to every such window and granted only if it fits in each.
/// </remarks>
public sealed class WeightBudget
{
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    private readonly double _safetyFraction;
    private readonly long _uncertaintyTicks;
    private readonly List<WindowUsage> _windows = [];
    private DateTimeOffset? _pausedUntil;
    private int _carriedWeight;
    private DateTimeOffset? _carriedUntil;
    private bool _configured;

    /// <summary>Creates a budget paced by <see cref="RateLimitRule.Bootstrap"/> until <see cref="Configure"/> is called.</summary>
    public WeightBudget(WeightBudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _safetyFraction = options.SafetyFraction;
        _uncertaintyTicks = options.ClockUncertainty.Ticks;
        Rule = RateLimitRule.Bootstrap;
    }

    /// <summary>The rule windows are counted against.</summary>
    public RateLimitRule Rule { get; private set; }

    /// <summary>Server clock minus local clock.</summary>
    public TimeSpan ServerOffset { get; private set; }

    /// <summary>The most weight granted per window: floor(Limit × (1 − SafetyFraction)), at least 1.</summary>
    public int Usable => Math.Max(1, Rule.Limit - (int)Math.Ceiling((Rule.Limit * _safetyFraction) - 1e-9));

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
        new(Rule, ServerOffset, _windows.ToArray(), _pausedUntil, BannedUntil, TooManyRequestsCount, BanCount, _configured, _carriedWeight, _carriedUntil);

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
        };
        budget._windows.AddRange(state.Windows.OrderBy(w => w.Index));
        return budget;
    }

    /// <summary>Adopts the exchange's rule and the measured server clock offset.</summary>
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
            if (Effective(index) + weight > Usable)
                blocking = index;
        }
        if (blocking is { } full)
        {
            // Later windows are empty but for straddling reservations and carried weight; skip those still too full.
            var retry = full + 1;
            while (Effective(retry) + weight > Usable)
                retry++;
            return new WeightDecision(false, LocalStart(retry) + TimeSpan.FromTicks(_uncertaintyTicks));
        }

        for (var index = first; index <= last; index++)
        {
            var usage = Find(index);
            Put(usage with { Reserved = usage.Reserved + weight });
        }
        return new WeightDecision(true, now);
    }

    /// <summary>Gives back weight reserved at <paramref name="reservedAt"/> for a request that was never sent.</summary>
    public void Refund(int weight, DateTimeOffset reservedAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        var (first, last) = Band(reservedAt);
        foreach (var usage in _windows.Where(w => w.Index >= first && w.Index <= last).ToList())
            Put(usage with { Reserved = Math.Max(0, usage.Reserved - weight) });
    }

    /// <summary>Reconciles with the used-weight header of a response received at <paramref name="now"/>.</summary>
    /// <remarks>
    /// The header counts everyone on our IP, but not our requests still in flight, and we cannot
    /// tell which of ours it includes; so the window is assumed to hold max(header, reserved) — never
    /// less than the server says, never less than we sent. An "external" estimate (header minus our
    /// completed weight) would need the caller to match responses to reservations; the safety
    /// fraction absorbs the in-flight weight it would add. Near a boundary the header may belong to
    /// either window; it is credited to the earlier one, because crediting a full old window to a
    /// fresh one would stall a busy client for a whole window, while missing a new window's first
    /// few hundred milliseconds of foreign spend is bounded and corrected by the next response.
    /// </remarks>
    public void Observe(int usedWeight, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usedWeight);
        Prune(now);
        var (first, _) = Band(now);
        var usage = Find(first);
        if (usedWeight > usage.Observed)
            Put(usage with { Observed = usedWeight });
    }

    /// <summary>Reacts to a 429: nothing is granted until the server's window has surely turned, or until Retry-After if later.</summary>
    public void OnTooManyRequests(DateTimeOffset now, TimeSpan? retryAfter)
    {
        TooManyRequestsCount++;

        // The 429 may come from the later of the windows the server could be in; wait for that one to end.
        var (_, last) = Band(now);
        var until = LocalStart(last + 1) + TimeSpan.FromTicks(_uncertaintyTicks);
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
            used = Math.Max(used, Effective(index));
        var current = FloorDiv(ServerTicks(now), Rule.Window.Ticks);
        var paused = PausedUntil is { } p && p > now ? p : (DateTimeOffset?)null;
        return new WeightSnapshot(used, Usable, Rule.Limit, LocalStart(current), LocalStart(current + 1), paused);
    }

    private long ServerTicks(DateTimeOffset local) => local.UtcTicks - UnixEpochTicks + ServerOffset.Ticks;

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

    /// <summary>Drops windows that can no longer be charged, keeping one spare in case callers' clocks step back a little.</summary>
    private void Prune(DateTimeOffset now)
    {
        var (first, _) = Band(now);
        _windows.RemoveAll(w => w.Index < first - 1);
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
        var live = _windows.Where(w => w.Effective > 0).ToList();
        if (live.Count > 0)
        {
            _carriedWeight += live.Sum(w => w.Effective);
            var until = LocalStart(live.Max(w => w.Index) + 1) + TimeSpan.FromTicks(_uncertaintyTicks);
            _carriedUntil = Later(_carriedUntil, until);
        }
        _windows.Clear();
    }

    /// <summary>The weight to assume spent in a window, including weight carried over from an old grid.</summary>
    private int Effective(long index) =>
        Find(index).Effective + (_carriedUntil is { } until && LocalStart(index) < until ? _carriedWeight : 0);

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a > b ? a : b);
}
