using System.Net;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.RateLimiting;
using CandleFunctions.Exchange;

namespace CandleFunctions.Activities;

/// <summary>
/// What both REST fetch activities do around their requests under a grant: wait for the grant's window, open the
/// exchange session, cut off anything that would leave after the deadline, and tell the failures that stop the
/// activity (the rest handed back) from those that fail it.
/// </summary>
public sealed class GrantedSend : IDisposable
{
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _sendBy;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _linked;

    private GrantedSend(ExchangeSession session, TimeProvider time, DateTimeOffset sendBy, CancellationToken caller)
    {
        Session = session;
        _time = time;
        _sendBy = sendBy;
        _caller = caller;
        // Past the deadline nothing may leave: a wait inside the client (its own pacing, a backoff) is cut off there.
        _deadline = new CancellationTokenSource(Max(sendBy - time.GetUtcNow(), TimeSpan.Zero), time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _deadline.Token);
    }

    /// <summary>The REST client and what the exchange said about weight.</summary>
    public ExchangeSession Session { get; }

    /// <summary>Cancelled at the deadline or by the caller: pass it to every request.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Whether the grant's deadline has passed: nothing more may be sent.</summary>
    public bool Expired => _time.GetUtcNow() >= _sendBy || _deadline.IsCancellationRequested;

    /// <summary>
    /// Waits until <paramref name="sendFrom"/> (a grant reserved in the next window: sending earlier would count in
    /// the window before), then opens a session whose requests stop at <paramref name="sendBy"/>.
    /// </summary>
    public static async Task<GrantedSend> OpenAsync(
        ExchangeClientFactory exchange, TimeProvider time, RateLimitRule rule, TimeSpan serverOffset, DateTimeOffset? sendFrom, DateTimeOffset sendBy,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(time);
        if (sendFrom is { } from && from > time.GetUtcNow())
            await Task.Delay(from - time.GetUtcNow(), time, cancellationToken);
        return new GrantedSend(exchange.Open(rule, serverOffset), time, sendBy, cancellationToken);
    }

    /// <summary>
    /// Whether <paramref name="error"/> stops the activity with the rest handed back: the deadline cut a request (it may
    /// have left: its weight stays spent), a 429, or a 418 (recorded for the budget). Anything else is the caller's.
    /// </summary>
    public bool Stops(Exception error)
    {
        switch (error)
        {
            case OperationCanceledException when _deadline.IsCancellationRequested && !_caller.IsCancellationRequested:
            case BinanceApiException { Status: HttpStatusCode.TooManyRequests }:
                return true;
            case IpBannedException ban:
                Session.Recorder.OnBanned(ban);
                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _linked.Dispose();
        _deadline.Dispose();
        Session.Dispose();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
