using BinanceSimulator.Hosting;
using BinanceSimulator.Rest.Faults;
using BinanceSimulator.Rest.RateLimiting;

namespace BinanceSimulator.Rest;

/// <summary>Lets tests provoke exact situations: forced faults, 429s and bans, and a clean slate.</summary>
public sealed class RestControl
{
    private readonly FaultInjector _faults;
    private readonly WeightLedger _ledger;
    private readonly SimulatorClock _clock;
    private readonly RestOptions _options;

    internal RestControl(FaultInjector faults, WeightLedger ledger, SimulatorClock clock, RestOptions options)
    {
        _faults = faults;
        _ledger = ledger;
        _clock = clock;
        _options = options;
    }

    /// <summary>Weight used in the current window (server clock).</summary>
    public int UsedWeight => _ledger.UsedWeight(_clock.ServerNow.ToUnixTimeMilliseconds());

    /// <summary>When the current IP ban ends, or null when not banned.</summary>
    public DateTimeOffset? BannedUntil =>
        _ledger.BannedUntil(_clock.ServerNow.ToUnixTimeMilliseconds()) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>Weight the simulated neighbour (<see cref="RestOptions.Neighbour"/>) spent so far.</summary>
    public long NeighbourWeight => _ledger.NeighbourWeight;

    /// <summary>Weight the neighbour wanted but found no room for.</summary>
    public long NeighbourStarved => _ledger.NeighbourStarved;

    /// <summary>429s the neighbour met (at most one per window; each counts toward the IP's ban).</summary>
    public long NeighbourTooManyRequests => _ledger.NeighbourTooManyRequests;

    /// <summary>Forced faults not yet served.</summary>
    public int PendingForced => _faults.PendingForced;

    /// <summary>
    /// The next <paramref name="count"/> responses of <paramref name="endpoint"/> (null: any REST endpoint)
    /// that are not refused by a ban get <paramref name="fault"/>, in the order forced.
    /// </summary>
    public void ForceNext(RestFault fault, int count = 1, RestEndpoint? endpoint = null) => _faults.Force(fault, count, endpoint);

    /// <summary>Drops forced faults not yet served.</summary>
    public void ClearForced() => _faults.ClearForced();

    /// <summary>Bans the IP now for <paramref name="duration"/> (default: the configured ban); requests get 418 until it ends.</summary>
    public void Ban(TimeSpan? duration = null) =>
        _ledger.Ban(_clock.ServerNow.ToUnixTimeMilliseconds(), duration ?? _options.BanDuration);

    /// <summary>Forgets the window's weight, the 429 count and any ban (counters are kept).</summary>
    public void ResetLimits() => _ledger.Reset();
}
