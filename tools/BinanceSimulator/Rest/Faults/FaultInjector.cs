namespace BinanceSimulator.Rest.Faults;

/// <summary>
/// Chooses each request's fault: first any forced fault queued for its endpoint, otherwise a draw
/// from the seeded sequence (so a run replays exactly when requests arrive in the same order).
/// Also draws each response's latency. Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly FaultOptions _options;
    private readonly TimeSpan _latencyMin;
    private readonly TimeSpan _latencyMax;
    private readonly List<ForcedFault> _forced = [];
    private long _faultDraws;
    private long _latencyDraws;

    public FaultInjector(RestOptions options)
    {
        _options = options.Faults;
        _latencyMin = options.LatencyMin;
        _latencyMax = options.LatencyMax;
    }

    /// <summary>Number of forced faults still waiting.</summary>
    public int PendingForced
    {
        get
        {
            lock (_gate)
                return _forced.Sum(f => f.Remaining);
        }
    }

    /// <summary>Queues <paramref name="count"/> forced faults for the endpoint (null: any endpoint).</summary>
    public void Force(RestFault fault, int count, RestEndpoint? endpoint)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
            _forced.Add(new ForcedFault(fault, endpoint, count));
    }

    /// <summary>Drops every queued forced fault.</summary>
    public void ClearForced()
    {
        lock (_gate)
            _forced.Clear();
    }

    /// <summary>The fault for the next request to <paramref name="endpoint"/>, or null for a normal response.</summary>
    public RestFault? Next(RestEndpoint endpoint)
    {
        lock (_gate)
        {
            var index = _forced.FindIndex(f => f.Endpoint is null || f.Endpoint == endpoint);
            if (index >= 0)
            {
                var forced = _forced[index];
                if (forced.Remaining == 1)
                    _forced.RemoveAt(index);
                else
                    _forced[index] = forced with { Remaining = forced.Remaining - 1 };
                return forced.Fault;
            }
            if (_options.KlinesOnly && endpoint != RestEndpoint.Klines)
                return null;
            return Draw(SeededUnit.At(_options.Seed, _faultDraws++, salt: 1));
        }
    }

    /// <summary>The extra delay for the next response, uniform in [LatencyMin, LatencyMax].</summary>
    public TimeSpan NextLatency()
    {
        if (_latencyMax <= _latencyMin)
            return _latencyMin;
        double u;
        lock (_gate)
            u = SeededUnit.At(_options.Seed, _latencyDraws++, salt: 2);
        return _latencyMin + (_latencyMax - _latencyMin) * u;
    }

    private RestFault? Draw(double u)
    {
        (RestFault Fault, double Rate)[] table =
        [
            (RestFault.ServiceUnavailable, _options.ServiceUnavailableRate),
            (RestFault.UnknownError, _options.UnknownErrorRate),
            (RestFault.DropConnection, _options.DropConnectionRate),
            (RestFault.SlowResponse, _options.SlowResponseRate),
            (RestFault.TruncatedBody, _options.TruncatedBodyRate),
            (RestFault.CutBody, _options.CutBodyRate),
            (RestFault.UndecodableBody, _options.UndecodableBodyRate),
        ];
        var edge = 0.0;
        foreach (var (fault, rate) in table)
        {
            edge += rate;
            if (u < edge)
                return fault;
        }
        return null;
    }

    private sealed record ForcedFault(RestFault Fault, RestEndpoint? Endpoint, int Remaining);
}
