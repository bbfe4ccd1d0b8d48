namespace CandleFunctions.Core.RateLimiting;

/// <summary>A REQUEST_WEIGHT limit: at most <see cref="Limit"/> weight per fixed window of <see cref="Window"/>.</summary>
public sealed record RateLimitRule(int Limit, TimeSpan Window)
{
    /// <summary>
    /// The rule used before exchangeInfo is read: half of mainnet's 2400 per minute (testnet allows 6000),
    /// so that even a window misaligned with the server's (offset still unknown) cannot put more than
    /// 2 × 1200 = 2400 into one server minute.
    /// </summary>
    public static RateLimitRule Bootstrap { get; } = new(1200, TimeSpan.FromMinutes(1));

    /// <summary>The most weight the server accepts per window.</summary>
    public int Limit { get; } = Limit >= 1
        ? Limit
        : throw new ArgumentOutOfRangeException(nameof(Limit), Limit, "A rate limit must be at least 1.");

    /// <summary>The length of one fixed window, a positive whole number of milliseconds.</summary>
    public TimeSpan Window { get; } = Window > TimeSpan.Zero && Window.Ticks % TimeSpan.TicksPerMillisecond == 0
        ? Window
        : throw new ArgumentOutOfRangeException(nameof(Window), Window, "A rate-limit window must be a positive whole number of milliseconds.");

    /// <summary>The used-weight response header for this window, lower-cased, e.g. <c>x-mbx-used-weight-1m</c>.</summary>
    public string HeaderName => "x-mbx-used-weight-" + WindowSuffix();

    /// <summary>Builds a rule from an exchangeInfo <c>rateLimits</c> entry (interval SECOND, MINUTE, HOUR or DAY).</summary>
    public static RateLimitRule FromExchangeInfo(string interval, int intervalNum, int limit)
    {
        ArgumentNullException.ThrowIfNull(interval);
        if (intervalNum < 1)
            throw new ArgumentOutOfRangeException(nameof(intervalNum), intervalNum, "intervalNum must be at least 1.");
        if (limit < 1)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "A rate limit must be at least 1.");
        var unit = interval.ToUpperInvariant() switch
        {
            "SECOND" => TimeSpan.FromSeconds(1),
            "MINUTE" => TimeSpan.FromMinutes(1),
            "HOUR" => TimeSpan.FromHours(1),
            "DAY" => TimeSpan.FromDays(1),
            _ => throw new ArgumentException(
                $"Unknown rate-limit interval '{interval}': expected SECOND, MINUTE, HOUR or DAY.", nameof(interval)),
        };
        return new RateLimitRule(limit, unit * intervalNum);
    }

    /// <summary>Number then unit letter, using the largest unit that divides the window (60 s is "1m", as the exchange names it).</summary>
    private string WindowSuffix()
    {
        var window = Window;
        if (window.Ticks % TimeSpan.TicksPerDay == 0)
            return $"{window.Ticks / TimeSpan.TicksPerDay}d";
        if (window.Ticks % TimeSpan.TicksPerHour == 0)
            return $"{window.Ticks / TimeSpan.TicksPerHour}h";
        if (window.Ticks % TimeSpan.TicksPerMinute == 0)
            return $"{window.Ticks / TimeSpan.TicksPerMinute}m";
        return $"{Math.Max(1, window.Ticks / TimeSpan.TicksPerSecond)}s";
    }
}
