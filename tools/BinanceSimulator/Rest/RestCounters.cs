using BinanceSimulator.Rest.Faults;

namespace BinanceSimulator.Rest;

/// <summary>
/// What the REST side has served, for tests and benchmarks. Status 0 means the connection was
/// dropped without a response. Weight is the weight the limiter counted (refused requests add none).
/// Thread-safe; every read is a consistent snapshot of one figure.
/// </summary>
public sealed class RestCounters
{
    private readonly object _gate = new();
    private readonly long _windowMs;
    private readonly Dictionary<(RestEndpoint Endpoint, int Status), long> _requests = [];
    private readonly SortedDictionary<long, int> _windowWeight = [];
    private readonly Dictionary<RestFault, long> _faults = [];
    private long _totalWeight;

    public RestCounters(RestOptions options) => _windowMs = (long)options.Window.TotalMilliseconds;

    /// <summary>All requests answered (or dropped).</summary>
    public long TotalRequests
    {
        get
        {
            lock (_gate)
                return _requests.Values.Sum();
        }
    }

    /// <summary>Requests per (endpoint, HTTP status).</summary>
    public IReadOnlyDictionary<(RestEndpoint Endpoint, int Status), long> RequestsByEndpointAndStatus
    {
        get
        {
            lock (_gate)
                return new Dictionary<(RestEndpoint, int), long>(_requests);
        }
    }

    /// <summary>Total counted weight.</summary>
    public long TotalWeight
    {
        get
        {
            lock (_gate)
                return _totalWeight;
        }
    }

    /// <summary>Counted weight per rate-limit window, keyed by the window's start (server clock).</summary>
    public IReadOnlyDictionary<DateTimeOffset, int> WeightByWindow
    {
        get
        {
            lock (_gate)
                return _windowWeight.ToDictionary(p => DateTimeOffset.FromUnixTimeMilliseconds(p.Key * _windowMs), p => p.Value);
        }
    }

    /// <summary>The largest weight counted in any one window.</summary>
    public int MaxWindowWeight
    {
        get
        {
            lock (_gate)
                return _windowWeight.Count == 0 ? 0 : _windowWeight.Values.Max();
        }
    }

    /// <summary>HTTP 429 responses (natural and forced).</summary>
    public long TooManyRequests => Requests(status: 429);

    /// <summary>HTTP 418 responses.</summary>
    public long Banned => Requests(status: 418);

    /// <summary>Faults injected, random and forced (forced 429s included).</summary>
    public long FaultsInjected
    {
        get
        {
            lock (_gate)
                return _faults.Values.Sum();
        }
    }

    /// <summary>Requests matching the endpoint and/or status (null matches any).</summary>
    public long Requests(RestEndpoint? endpoint = null, int? status = null)
    {
        lock (_gate)
        {
            return _requests
                .Where(p => (endpoint is null || p.Key.Endpoint == endpoint) && (status is null || p.Key.Status == status))
                .Sum(p => p.Value);
        }
    }

    /// <summary>How many times <paramref name="fault"/> was injected.</summary>
    public long Faults(RestFault fault)
    {
        lock (_gate)
            return _faults.GetValueOrDefault(fault);
    }

    /// <summary>Sets every counter back to zero.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _windowWeight.Clear();
            _faults.Clear();
            _totalWeight = 0;
        }
    }

    internal void RecordRequest(RestEndpoint endpoint, int status)
    {
        lock (_gate)
            _requests[(endpoint, status)] = _requests.GetValueOrDefault((endpoint, status)) + 1;
    }

    internal void RecordWeight(long windowStartMs, int weight)
    {
        lock (_gate)
        {
            var window = windowStartMs / _windowMs;
            _windowWeight[window] = _windowWeight.GetValueOrDefault(window) + weight;
            _totalWeight += weight;
        }
    }

    internal void RecordFault(RestFault fault)
    {
        lock (_gate)
            _faults[fault] = _faults.GetValueOrDefault(fault) + 1;
    }
}
