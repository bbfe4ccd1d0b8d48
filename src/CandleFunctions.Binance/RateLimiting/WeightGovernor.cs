using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Binance.RateLimiting;

/// <summary>
/// The in-process host of the pure <see cref="WeightBudget"/>: thread-safe, waits on the injected
/// <see cref="TimeProvider"/> until weight is granted, and counts what was spent. Shared by every
/// request of a run so concurrent requests never overshoot.
/// </summary>
public sealed class WeightGovernor
{
    private readonly Lock _gate = new();
    private readonly WeightBudget _budget;
    private readonly TimeProvider _time;
    private CancellationTokenSource _banSignal = new();
    private CancellationTokenSource _landedSignal = new();
    private long _weightReserved;
    private long _requests;

    /// <summary>Creates a governor over a fresh budget.</summary>
    public WeightGovernor(WeightBudgetOptions options, TimeProvider time)
    {
        options.Validate();
        _budget = new WeightBudget(options);
        _time = time;
    }

    /// <summary>Total weight reserved (and so sent) during this run.</summary>
    public long WeightReserved => Interlocked.Read(ref _weightReserved);

    /// <summary>Number of requests granted weight.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public int TooManyRequestsCount
    {
        get { lock (_gate) return _budget.TooManyRequestsCount; }
    }

    public int BanCount
    {
        get { lock (_gate) return _budget.BanCount; }
    }

    public DateTimeOffset? BannedUntil
    {
        get { lock (_gate) return _budget.BannedUntil; }
    }

    /// <summary>Until when nothing may be sent, after a 429 or a ban; null when nothing is paused.</summary>
    public DateTimeOffset? PausedUntil
    {
        get { lock (_gate) return _budget.PausedUntil; }
    }

    public RateLimitRule Rule
    {
        get { lock (_gate) return _budget.Rule; }
    }

    /// <summary>The exchange's clock as best we know it.</summary>
    public DateTimeOffset ServerNow()
    {
        lock (_gate)
            return _time.GetUtcNow() + _budget.ServerOffset;
    }

    /// <summary>Adopts the rule and the server clock offset measured over a sample of round trip <paramref name="sampleRoundTrip"/> (see <see cref="WeightBudget.Configure"/>).</summary>
    public void Configure(RateLimitRule rule, TimeSpan serverOffset, TimeSpan sampleRoundTrip = default)
    {
        lock (_gate)
            _budget.Configure(rule, serverOffset, sampleRoundTrip);
    }

    /// <summary>Waits until <paramref name="weight"/> fits in the budget, then reserves it; returns the reservation's ticket.</summary>
    /// <exception cref="IpBannedException">The IP is banned, now or while waiting: nothing may be sent before the ban ends.</exception>
    public async Task<long> AcquireAsync(int weight, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WeightDecision decision;
            DateTimeOffset? banned;
            CancellationToken banSignal;
            CancellationToken landedSignal;
            DateTimeOffset now;
            lock (_gate)
            {
                // Read inside the lock: a thread held up between reading the clock and reserving (a busy machine) would
                // otherwise reserve in a window the others have already left.
                now = _time.GetUtcNow();
                decision = _budget.TryReserve(weight, now);
                banned = _budget.BannedUntil;
                if (_banSignal.IsCancellationRequested && !(banned > now))
                    _banSignal = new CancellationTokenSource();
                banSignal = _banSignal.Token;
                landedSignal = _landedSignal.Token;
            }
            if (decision.Granted)
            {
                Interlocked.Add(ref _weightReserved, weight);
                Interlocked.Increment(ref _requests);
                return decision.Ticket;
            }
            // A ban stops the run: requests waiting for weight fail now rather than sleep through it (it may last hours).
            if (banned is { } until && until > now)
                throw new IpBannedException(until);
            var wait = decision.RetryAt - now;
            // Held by the in-flight cap: the next response (or lost request) frees it, whatever the clock says.
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(
                cancellationToken, banSignal, decision.AwaitsLanding ? landedSignal : CancellationToken.None);
            try
            {
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), _time, waiting.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A ban arrived while waiting (the next pass throws), or a request of ours landed (the next pass may be granted).
            }
        }
    }

    /// <summary>Checked just before a granted request leaves: false (and the weight given back) when a 429 or ban came in meanwhile, or the grant went stale.</summary>
    public bool ConfirmSend(long ticket, int weight)
    {
        bool clear;
        lock (_gate)
            clear = _budget.ConfirmSend(ticket, _time.GetUtcNow());
        if (!clear)
        {
            Interlocked.Add(ref _weightReserved, -weight);
            Interlocked.Decrement(ref _requests);
            WakeLandingWaiters();
        }
        return clear;
    }

    /// <summary>The response of <paramref name="ticket"/> just arrived with these used-weight headers (any window length).</summary>
    public void Land(long ticket, IReadOnlyCollection<UsedWeightHeader> headers)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
            _budget.Land(ticket, now, headers);
        WakeLandingWaiters();
    }

    /// <summary>The request of <paramref name="ticket"/> went out but no response came: its weight stays charged.</summary>
    public void Lose(long ticket)
    {
        lock (_gate)
            _budget.Lose(ticket);
        WakeLandingWaiters();
    }

    /// <summary>What other programs on the IP are expected to spend per window.</summary>
    public NeighbourEstimate Neighbour
    {
        get { lock (_gate) return _budget.Neighbour; }
    }

    /// <summary>A 429: every request pauses until the window turns (<paramref name="headerWindow"/>: the window its used-weight header names).</summary>
    public void OnTooManyRequests(TimeSpan? retryAfter, TimeSpan? headerWindow = null)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
            _budget.OnTooManyRequests(now, retryAfter, headerWindow);
    }

    /// <summary>A 418 whose end is given on the server's clock ("banned until &lt;ms&gt;"); returns the local end.</summary>
    public DateTimeOffset OnBannedUntilServerTime(DateTimeOffset serverUntil)
    {
        var now = _time.GetUtcNow();
        DateTimeOffset localUntil;
        lock (_gate)
        {
            localUntil = _budget.LocalDeadline(serverUntil);
            _budget.OnBanned(now, localUntil);
        }
        WakeWaiters();
        return localUntil;
    }

    /// <summary>A 418 whose end is a local instant (from Retry-After, or remembered from an earlier run).</summary>
    public void OnBanned(DateTimeOffset until)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
            _budget.OnBanned(now, until);
        WakeWaiters();
    }

    private void WakeLandingWaiters()
    {
        CancellationTokenSource signal;
        lock (_gate)
        {
            signal = _landedSignal;
            _landedSignal = new CancellationTokenSource();
        }
        signal.Cancel();
    }

    private void WakeWaiters()
    {
        CancellationTokenSource signal;
        lock (_gate)
            signal = _banSignal;
        signal.Cancel();
    }

    public WeightSnapshot Snapshot()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
            return _budget.Snapshot(now);
    }
}
