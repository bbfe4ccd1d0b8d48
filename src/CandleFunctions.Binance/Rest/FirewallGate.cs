namespace CandleFunctions.Binance.Rest;

/// <summary>
/// Holds every request of one client after a 403 that carries no exchange error code: Binance's web application
/// firewall refusing the IP (it counts requests, not weight, over about five minutes) or a proxy refusing the host.
/// Retrying each request on its own backoff would keep knocking while the block lasts, so all of them wait: 5 s after
/// the first refusal, doubling with each one after, at most five minutes, and never less than a Retry-After. A
/// successful answer starts the count again. Thread-safe.
/// </summary>
public sealed class FirewallGate(TimeSpan firstPause, TimeProvider time)
{
    /// <summary>The longest hold: Binance's documented firewall block usually lasts five minutes.</summary>
    public static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private DateTimeOffset _until = DateTimeOffset.MinValue;
    private DateTimeOffset _bannedUntil = DateTimeOffset.MinValue;
    private int _refusals;

    /// <summary>Refusals since the last successful answer.</summary>
    public int Refusals
    {
        get
        {
            lock (_gate)
                return _refusals;
        }
    }

    /// <summary>How long requests are still held.</summary>
    public TimeSpan Remaining
    {
        get
        {
            lock (_gate)
            {
                var left = _until - time.GetUtcNow();
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
        }
    }

    /// <summary>A 403 without an exchange error code came back: hold every request for the next pause.</summary>
    public void Refused(TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            _refusals++;
            var doubled = firstPause.Ticks * Math.Pow(2, Math.Min(_refusals - 1, 30));
            var pause = TimeSpan.FromTicks((long)Math.Min(MaxPause.Ticks, doubled));
            if (retryAfter is { } asked && asked > pause)
                pause = asked;
            var until = time.GetUtcNow() + pause;
            if (until > _until)
                _until = until;
        }
    }

    /// <summary>
    /// Whether a 429 or a ban (418) also holds every request through this gate, until the exchange's own pause ends. The
    /// app sets it: each of its activities has its own governor, so otherwise the others' granted requests would follow the
    /// first into the refused window or into the ban (and Binance lengthens a ban for requests sent during it).
    /// </summary>
    public bool HoldsOnRateLimits { get; init; }

    /// <summary>
    /// The end of a ban another client met (see <see cref="HoldsOnRateLimits"/>): a request is not sent before it, and a
    /// ban may last hours, so its client is told at once (it throws the ban) rather than held. Null when none is known.
    /// </summary>
    public DateTimeOffset? BannedUntil
    {
        get
        {
            lock (_gate)
                return _bannedUntil > time.GetUtcNow() ? _bannedUntil : null;
        }
    }

    /// <summary>A 429 said to send nothing before <paramref name="until"/>: held when <see cref="HoldsOnRateLimits"/>.</summary>
    public void RateLimitedUntil(DateTimeOffset until)
    {
        if (!HoldsOnRateLimits)
            return;
        lock (_gate)
        {
            if (until > _until)
                _until = until;
        }
    }

    /// <summary>A 418 banned the IP until <paramref name="until"/>: known to every client when <see cref="HoldsOnRateLimits"/>.</summary>
    public void Banned(DateTimeOffset until)
    {
        if (!HoldsOnRateLimits)
            return;
        lock (_gate)
        {
            if (until > _bannedUntil)
                _bannedUntil = until;
        }
    }

    /// <summary>An answer other than a refusal came back.</summary>
    public void Answered()
    {
        lock (_gate)
            _refusals = 0;
    }

    /// <summary>Waits while requests are held.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        for (var left = Remaining; left > TimeSpan.Zero; left = Remaining)
            await Task.Delay(left, time, cancellationToken);
    }
}
