using System.Net;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.RateLimiting;
using CandleFunctions.Weight;

namespace CandleFunctions.Exchange;

/// <summary>
/// Sits in an activity's HTTP pipeline and remembers what the exchange said about weight (used-weight header of any window length,
/// 429 with Retry-After), so the activity can hand it to the durable budget. One per activity invocation.
/// </summary>
public sealed class FeedbackRecorder(string usedWeightHeader, TimeProvider time) : DelegatingHandler
{
    private readonly Lock _gate = new();
    private ExchangeFeedback _feedback = ExchangeFeedback.None;

    /// <summary>Everything observed so far, with a ban added when the client reported one.</summary>
    public ExchangeFeedback Feedback
    {
        get { lock (_gate) return _feedback; }
    }

    /// <summary>Records a 418 ban, whose end the REST client has already turned into a local instant.</summary>
    public void OnBanned(IpBannedException ban)
    {
        ArgumentNullException.ThrowIfNull(ban);
        lock (_gate)
            _feedback = _feedback with { BannedUntil = ban.Until };
    }

    /// <summary>The header of the expected window if present, else any used-weight header (the rule may not be known yet).</summary>
    private UsedWeightHeader? UsedWeight(HttpResponseMessage response)
    {
        UsedWeightHeader? any = null;
        foreach (var (name, values) in response.Headers)
        {
            if (UsedWeightHeader.TryParse(name, values.FirstOrDefault()) is not { } header)
                continue;
            if (string.Equals(name, usedWeightHeader, StringComparison.OrdinalIgnoreCase))
                return header;
            any ??= header;
        }
        return any;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var at = time.GetUtcNow();
        lock (_gate)
        {
            if (UsedWeight(response) is { } header)
                _feedback = _feedback with { UsedWeight = header.Used, UsedWeightAt = at, UsedWeightWindow = header.Window };
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                _feedback = _feedback with { TooManyRequestsAt = at, RetryAfter = response.Headers.RetryAfter?.Delta };
            if ((int)response.StatusCode == 418)
                _feedback = _feedback with { BanAnswered = true };
        }
        return response;
    }
}
