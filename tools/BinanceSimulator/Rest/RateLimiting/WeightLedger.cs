namespace BinanceSimulator.Rest.RateLimiting;

/// <summary>
/// The server's view of one IP's request weight: fixed windows aligned to the server clock
/// (index = floor(serverMs / windowMs)), 429 when a request would exceed the limit, and an IP ban
/// when requests keep coming after <see cref="RestOptions.BanAfterTooManyRequests"/> 429s in the
/// same window. Refused requests (429, 418) add no weight. The 429 count restarts with each window
/// and after each ban. An optional neighbour (<see cref="NeighbourOptions"/>) spends its share of each window,
/// accrued lazily up to the instant of each request, so clients see it only in the header. Thread-safe.
/// </summary>
public sealed class WeightLedger
{
    private readonly object _gate = new();
    private readonly int _limit;
    private readonly long _windowMs;
    private readonly int _banAfter;
    private readonly long _banMs;
    private long _window = long.MinValue;
    private int _used;
    private int _tooMany;
    private long _bannedUntil = long.MinValue;
    private readonly int _neighbourPerWindow;
    private readonly bool _neighbourBurst;
    private int _neighbourSpent;
    private bool _neighbourRefused;
    private long _neighbourWeight;
    private long _neighbourStarved;
    private long _neighbourTooMany;

    public WeightLedger(RestOptions options)
    {
        _neighbourPerWindow = (int)Math.Round(options.Neighbour.Share * options.WeightLimit);
        _neighbourBurst = options.Neighbour.Burst;
        _limit = options.WeightLimit;
        _windowMs = (long)options.Window.TotalMilliseconds;
        _banAfter = options.BanAfterTooManyRequests;
        _banMs = (long)options.BanDuration.TotalMilliseconds;
    }

    /// <summary>Decides one request arriving at <paramref name="nowMs"/> (server clock).</summary>
    /// <param name="countWeight">False for requests that fail before the limiter counts them.</param>
    /// <param name="forceTooMany">Refuse with 429 whatever the window holds.</param>
    public Admission Admit(long nowMs, int weight, bool countWeight = true, bool forceTooMany = false)
    {
        lock (_gate)
        {
            Roll(nowMs);
            Accrue(nowMs);
            if (nowMs < _bannedUntil)
                return Verdict(AdmissionOutcome.Banned, counted: false);
            if (_tooMany >= _banAfter)
            {
                _bannedUntil = nowMs + _banMs;
                _tooMany = 0;
                return Verdict(AdmissionOutcome.Banned, counted: false);
            }
            if (forceTooMany || (countWeight && _used + weight > _limit))
            {
                _tooMany++;
                return Verdict(AdmissionOutcome.TooManyRequests, counted: false);
            }
            if (countWeight)
                _used += weight;
            return Verdict(AdmissionOutcome.Allowed, countWeight);
        }
    }

    /// <summary>When the current ban ends (server ms), or null when the IP is not banned at <paramref name="nowMs"/>.</summary>
    public long? BannedUntil(long nowMs)
    {
        lock (_gate)
            return nowMs < _bannedUntil ? _bannedUntil : null;
    }

    /// <summary>Weight used in the window containing <paramref name="nowMs"/>.</summary>
    public int UsedWeight(long nowMs)
    {
        lock (_gate)
        {
            Roll(nowMs);
            Accrue(nowMs);
            return _used;
        }
    }

    /// <summary>Weight the neighbour spent so far.</summary>
    public long NeighbourWeight
    {
        get { lock (_gate) return _neighbourWeight; }
    }

    /// <summary>Weight the neighbour wanted but was refused because the window was full.</summary>
    public long NeighbourStarved
    {
        get { lock (_gate) return _neighbourStarved; }
    }

    /// <summary>429s the neighbour met (at most one per window).</summary>
    public long NeighbourTooManyRequests
    {
        get { lock (_gate) return _neighbourTooMany; }
    }

    /// <summary>Bans the IP from <paramref name="nowMs"/> for <paramref name="duration"/>.</summary>
    public void Ban(long nowMs, TimeSpan duration)
    {
        lock (_gate)
        {
            _bannedUntil = nowMs + (long)duration.TotalMilliseconds;
            _tooMany = 0;
        }
    }

    /// <summary>Forgets the window's weight, the 429 count and any ban.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _window = long.MinValue;
            _used = 0;
            _tooMany = 0;
            _bannedUntil = long.MinValue;
        }
    }

    private void Roll(long nowMs)
    {
        var window = FloorDiv(nowMs, _windowMs);
        if (window == _window)
            return;
        // The neighbour spends the rest of the old window whether or not anyone asked since: its refusals count.
        if (_window != long.MinValue)
            Accrue(((_window + 1) * _windowMs) - 1);
        _window = window;
        _used = 0;
        _tooMany = 0;
        _neighbourSpent = 0;
        _neighbourRefused = false;
    }

    /// <summary>Spends what the neighbour has wanted since the window began, up to <paramref name="nowMs"/>.</summary>
    private void Accrue(long nowMs)
    {
        if (_neighbourPerWindow == 0 || _neighbourRefused || nowMs < _bannedUntil)
            return;
        var target = _neighbourBurst
            ? _neighbourPerWindow
            : (int)(_neighbourPerWindow * (nowMs - (_window * _windowMs)) / _windowMs);
        var wanted = target - _neighbourSpent;
        if (wanted <= 0)
            return;
        var spend = Math.Min(Math.Max(0, _limit - _used), wanted);
        _used += spend;
        _neighbourSpent += spend;
        _neighbourWeight += spend;
        if (spend < wanted)
        {
            // Refused: one 429 for the IP, and the neighbour waits for the next window.
            _neighbourStarved += _neighbourPerWindow - _neighbourSpent;
            _neighbourRefused = true;
            _neighbourTooMany++;
            _tooMany++;
        }
    }

    private Admission Verdict(AdmissionOutcome outcome, bool counted) =>
        new(outcome, _used, counted, _window * _windowMs, (_window + 1) * _windowMs, _bannedUntil);

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
