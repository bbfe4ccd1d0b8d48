using CandleFunctions.Binance.RateLimiting;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Exchange;

/// <summary>
/// Builds per-invocation REST clients over one shared connection pool. The durable entity has already granted the
/// weight, so the client gives up on a 429 at once (the entity decides when to resume) and retries a transient
/// fault only once before the activity's RetryPolicy takes over. Every client shares one <see cref="FirewallGate"/>:
/// a firewall refuses the IP, so one activity's 403 holds the requests of all the others in the process too, and so
/// does a 429 or a ban (<see cref="FirewallGate.HoldsOnRateLimits"/>): the entity stops granting, but grants already
/// out (the next window's among them) would otherwise each meet the same refusal.
/// </summary>
/// <param name="firewall">The process's pause; null builds one with <see cref="BinanceRestOptions.FirewallPause"/>'s default that holds on rate limits too.</param>
public sealed class ExchangeClientFactory(HttpMessageHandler connections, Uri baseUrl, TimeProvider time, FirewallGate? firewall = null)
{
    /// <summary>The pause every client of this factory waits out after a 403 without an exchange error code.</summary>
    public FirewallGate Firewall { get; } = firewall ?? new FirewallGate(new BinanceRestOptions().FirewallPause, time) { HoldsOnRateLimits = true };

    /// <summary>Opens a session whose governor knows <paramref name="rule"/> and <paramref name="serverOffset"/> (null before exchangeInfo is read).</summary>
    public ExchangeSession Open(RateLimitRule? rule, TimeSpan serverOffset)
    {
        var governor = new WeightGovernor(new WeightBudgetOptions(), time);
        if (rule is not null)
            governor.Configure(rule, serverOffset);
        var recorder = new FeedbackRecorder((rule ?? RateLimitRule.Bootstrap).HeaderName, time) { InnerHandler = connections };
        // disposeHandler false: disposing the recorder would dispose the shared pool beneath it.
        var http = new HttpClient(recorder, disposeHandler: false);
        var options = new BinanceRestOptions
        {
            BaseUrl = baseUrl,
            MaxRateLimitRetries = 0,
            MaxTransientRetries = 1,
        };
        return new ExchangeSession(new BinanceFuturesClient(http, governor, options, time, Firewall), governor, recorder, http);
    }
}
