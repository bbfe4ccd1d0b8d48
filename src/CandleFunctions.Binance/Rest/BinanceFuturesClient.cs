using System.Globalization;
using System.Net;
using System.Text.Json;
using CandleFunctions.Binance.RateLimiting;
using CandleFunctions.Core.RateLimiting;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CandleFunctions.Binance.Rest;

/// <summary>
/// The USDⓈ-M market-data calls this tool needs. Every request first gets its weight from the shared
/// <see cref="WeightGovernor"/>, reports the used-weight header back to it, turns 429 into a pause of
/// every request and 418 into <see cref="IpBannedException"/>, and retries transient faults with
/// jittered exponential backoff. Thread-safe.
/// </summary>
public sealed class BinanceFuturesClient
{
    private readonly HttpClient _http;
    private readonly WeightGovernor _governor;
    private readonly BinanceRestOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;
    private readonly ResiliencePipeline _attemptTimeout;
    private readonly FirewallGate _firewall;
    private long _transientRetries;
    private RateLimitRule? _rule;
    private (TimeSpan Offset, TimeSpan RoundTrip)? _clock;

    /// <param name="firewall">
    /// The pause after a firewall's refusal, shared with every other client of the process that is given the same gate
    /// (the durable app builds a client per activity, and the firewall refuses the IP, not one client); null gives this
    /// client a gate of its own paced by <see cref="BinanceRestOptions.FirewallPause"/>.
    /// </param>
    public BinanceFuturesClient(HttpClient http, WeightGovernor governor, BinanceRestOptions options, TimeProvider time, FirewallGate? firewall = null)
    {
        options.Validate();
        _http = http;
        _governor = governor;
        _options = options;
        _time = time;
        _retry = BuildRetry(options);
        _attemptTimeout = new ResiliencePipelineBuilder().AddTimeout(options.AttemptTimeout).Build();
        _firewall = firewall ?? new FirewallGate(options.FirewallPause, time);
    }

    /// <summary>403s without an exchange error code since the last other answer (a firewall or proxy refusing us), counted by its gate.</summary>
    public int FirewallRefusals => _firewall.Refusals;

    /// <summary>Transient failures retried so far (5xx, timeouts, dropped connections, bodies that do not parse).</summary>
    public long TransientRetries => Interlocked.Read(ref _transientRetries);

    /// <summary>
    /// Fetches exchangeInfo, configures the governor from its REQUEST_WEIGHT limit and the server's clock,
    /// and returns it.
    /// </summary>
    public async Task<ExchangeInfo> GetExchangeInfoAsync(CancellationToken cancellationToken)
    {
        (DateTimeOffset Sent, DateTimeOffset Received) trip = default;
        var info = await SendAsync("fapi/v1/exchangeInfo", KlineWeights.SimpleEndpointWeight, null, ResponseParsers.ParseExchangeInfo, cancellationToken,
            (sent, received) => trip = (sent, received));
        // The tightest limit per unit of time governs; windows of other lengths are then never exceeded either.
        var rule = info.WeightLimits.MinBy(r => r.Limit / r.Window.TotalSeconds)!;
        _rule = rule;
        _clock = ClockSample(info.ServerTime, trip.Sent, trip.Received);
        _governor.Configure(rule, _clock.Value.Offset, _clock.Value.RoundTrip);
        return info;
    }

    /// <summary>
    /// Measures the server's clock again with <paramref name="samples"/> calls to <c>/time</c> (weight 1 each) and keeps
    /// the offset of the shortest round trip seen, exchangeInfo's included. Call after <see cref="GetExchangeInfoAsync"/>.
    /// </summary>
    /// <remarks>
    /// The server stamps its time somewhere inside the round trip, so the offset taken at its midpoint is off by up to
    /// half of it. A first request's round trip holds the connection set-up and, in a fresh process on a busy machine,
    /// hundreds of milliseconds of start-up: enough to put short (1-second) windows out by more than the budget's clock
    /// uncertainty, so that a process sends into a window it believes has turned and the server still finds full.
    /// </remarks>
    public async Task RefineServerClockAsync(int samples, CancellationToken cancellationToken)
    {
        if (_rule is not { } rule || _clock is not { } best)
            throw new InvalidOperationException("GetExchangeInfoAsync must come first.");
        for (var i = 0; i < samples; i++)
        {
            (DateTimeOffset Sent, DateTimeOffset Received) trip = default;
            var serverTime = await SendAsync("fapi/v1/time", KlineWeights.SimpleEndpointWeight, null, ResponseParsers.ParseServerTime, cancellationToken,
                (sent, received) => trip = (sent, received));
            var sample = ClockSample(serverTime, trip.Sent, trip.Received);
            if (sample.RoundTrip < best.RoundTrip)
                best = sample;
        }
        _clock = best;
        _governor.Configure(rule, best.Offset, best.RoundTrip);
    }

    private static (TimeSpan Offset, TimeSpan RoundTrip) ClockSample(DateTimeOffset serverTime, DateTimeOffset sent, DateTimeOffset received) =>
        (serverTime - (sent + ((received - sent) / 2)), received - sent);

    /// <summary>
    /// One page of 1-minute klines. Both bounds filter open time inclusively, as the exchange does.
    /// With only <paramref name="endTimeMs"/>, the last <paramref name="limit"/> klines up to it.
    /// </summary>
    public async Task<IReadOnlyList<Kline>> GetKlinesAsync(
        string symbol, long? startTimeMs, long? endTimeMs, int limit, CancellationToken cancellationToken)
    {
        var query = $"fapi/v1/klines?symbol={Uri.EscapeDataString(symbol)}&interval=1m&limit={limit.ToString(CultureInfo.InvariantCulture)}";
        if (startTimeMs is { } start)
            query += "&startTime=" + start.ToString(CultureInfo.InvariantCulture);
        if (endTimeMs is { } end)
            query += "&endTime=" + end.ToString(CultureInfo.InvariantCulture);
        return await SendAsync(query, KlineWeights.ForLimit(limit), symbol, ResponseParsers.ParseKlines, cancellationToken);
    }

    /// <summary>Sends one request and parses its 200 body; a body that does not parse is retried like a 5xx.</summary>
    /// <param name="timed">Told the instants the answered attempt left and its status line came back.</param>
    private async Task<T> SendAsync<T>(
        string pathAndQuery, int weight, string? symbol, Func<string, T> parse, CancellationToken cancellationToken,
        Action<DateTimeOffset, DateTimeOffset>? timed = null)
    {
        for (var pauses = 0; ; pauses++)
        {
            try
            {
                return await _retry.ExecuteAsync(
                    async token =>
                    {
                        while (true)
                        {
                            // Neither waiting out a firewall's refusal nor waiting for weight is part of an attempt's timeout.
                            await _firewall.WaitAsync(token);
                            if (_firewall.BannedUntil is { } banned)
                            {
                                // Another client of this process met a ban: this request is not sent into it.
                                _governor.OnBanned(banned);
                                throw new IpBannedException(banned);
                            }
                            var ticket = await _governor.AcquireAsync(weight, token);
                            var body = await _attemptTimeout.ExecuteAsync(t => SendOnceAsync(pathAndQuery, ticket, weight, symbol, timed, t), token);
                            // Null: a 429 or ban came in between the grant and the send; the weight went back, wait again.
                            if (body is not null)
                                return ResponseParsers.Parse(body, parse);
                        }
                    },
                    cancellationToken);
            }
            catch (RateLimitedException) when (pauses < _options.MaxRateLimitRetries)
            {
                // The governor now holds every request until the window turns; try again then.
            }
            catch (RateLimitedException)
            {
                throw new BinanceApiException(HttpStatusCode.TooManyRequests, -1003,
                    $"still rate limited after {_options.MaxRateLimitRetries} pauses; another process on this IP is probably using the weight");
            }
        }
    }

    private async ValueTask<string?> SendOnceAsync(
        string pathAndQuery, long ticket, int weight, string? symbol, Action<DateTimeOffset, DateTimeOffset>? timed, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_options.BaseUrl, pathAndQuery));
        HttpResponseMessage response;
        // Concurrent requests granted before a 429 came back must not follow it into the same window.
        if (!_governor.ConfirmSend(ticket, weight))
            return null;
        var sentAt = _time.GetUtcNow();
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch
        {
            // Sent (or maybe sent) but unanswered: the server may have counted it, so its weight stays charged.
            _governor.Lose(ticket);
            throw;
        }
        using var _ = response;
        var receivedAt = _time.GetUtcNow();
        var usedWeights = UsedWeights(response);
        _governor.Land(ticket, usedWeights);
        var status = response.StatusCode;
        var retryAfter = RetryAfter(response);
        // The pause starts on the status line, before the body is read, so nothing else leaves meanwhile.
        if (status == HttpStatusCode.TooManyRequests)
        {
            _governor.OnTooManyRequests(retryAfter, usedWeights.Count > 0 ? usedWeights.Min(h => h.Window) : null);
            if (_governor.PausedUntil is { } paused)
                _firewall.RateLimitedUntil(paused);
        }
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (InvalidDataException e)
        {
            // Declared compressed but not (a proxy's page under gzip headers, damage on the way): as a cut body.
            if (status == HttpStatusCode.OK)
                throw new MalformedResponseException("the response body could not be decompressed", e);
            body = "";
        }
        var (code, message) = status == HttpStatusCode.OK ? (0, "") : ResponseParsers.ParseError(body);
        if (status == HttpStatusCode.Forbidden && code == 0)
            _firewall.Refused(retryAfter);
        else
            _firewall.Answered();
        if (status == HttpStatusCode.OK)
        {
            timed?.Invoke(sentAt, receivedAt);
            return body;
        }

        switch ((int)status)
        {
            case 429:
                throw new RateLimitedException(retryAfter);
            case 418:
                DateTimeOffset until;
                if (ResponseParsers.ParseBannedUntil(message) is { } serverUntil)
                {
                    until = _governor.OnBannedUntilServerTime(serverUntil);
                }
                else
                {
                    until = _time.GetUtcNow() + (retryAfter ?? TimeSpan.FromMinutes(2));
                    _governor.OnBanned(until);
                }
                _firewall.Banned(until);
                throw new IpBannedException(until);
            case 408:
            case >= 500:
                throw new TransientResponseException(status, body);
        }
        // Only the exchange's own error codes are final; a 4xx without one (a proxy's page, a cut body) may pass.
        if (code == 0)
            throw new TransientResponseException(status, body);
        if (code == -1121 && symbol is not null)
            throw new InvalidSymbolException(symbol);
        throw new BinanceApiException(status, code, message);
    }

    /// <summary>Every <c>x-mbx-used-weight-&lt;n&gt;&lt;unit&gt;</c> header: the window it counts may not be known yet.</summary>
    internal static List<UsedWeightHeader> UsedWeights(HttpResponseMessage response)
    {
        var found = new List<UsedWeightHeader>();
        foreach (var (name, values) in response.Headers)
        {
            if (UsedWeightHeader.TryParse(name, values.FirstOrDefault()) is { } header)
                found.Add(header);
        }
        return found;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

    private ResiliencePipeline BuildRetry(BinanceRestOptions options) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<TransientResponseException>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .Handle<MalformedResponseException>()
                    .Handle<IOException>(),
                MaxRetryAttempts = options.MaxTransientRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BackoffBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(10),
                OnRetry = _ =>
                {
                    Interlocked.Increment(ref _transientRetries);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
