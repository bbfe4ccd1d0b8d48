namespace CandleFunctions.Binance.Rest;

/// <summary>Settings of the USDⓈ-M REST client.</summary>
public sealed class BinanceRestOptions
{
    /// <summary>Where the fapi endpoints live. <value>https://fapi.binance.com/</value></summary>
    public Uri BaseUrl { get; set; } = new("https://fapi.binance.com/");

    /// <summary>How long one attempt may take before it counts as a transient failure. <value>15 seconds</value></summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries of a transient failure (5xx, timeout, dropped connection, truncated body). <value>6</value></summary>
    public int MaxTransientRetries { get; set; } = 6;

    /// <summary>First backoff delay; later ones grow exponentially with jitter. <value>250 ms</value></summary>
    public TimeSpan BackoffBaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>429s tolerated for one request before giving up on it. <value>5</value></summary>
    public int MaxRateLimitRetries { get; set; } = 5;

    /// <summary>How long every request waits after a first 403 without an exchange error code (doubling after each more). <value>5 seconds</value></summary>
    public TimeSpan FirewallPause { get; set; } = TimeSpan.FromSeconds(5);

    public void Validate()
    {
        if (!BaseUrl.IsAbsoluteUri)
            throw new ArgumentException($"The API URL '{BaseUrl}' must be absolute, like https://fapi.binance.com/.");
        if (AttemptTimeout <= TimeSpan.Zero)
            throw new ArgumentException("AttemptTimeout must be positive.");
        if (FirewallPause < TimeSpan.Zero)
            throw new ArgumentException("FirewallPause cannot be negative.");
        if (MaxTransientRetries < 0 || MaxRateLimitRetries < 0)
            throw new ArgumentException("Retry counts cannot be negative.");
    }
}
