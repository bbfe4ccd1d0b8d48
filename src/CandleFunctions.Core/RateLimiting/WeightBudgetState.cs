namespace CandleFunctions.Core.RateLimiting;

/// <summary>The whole state of a <see cref="WeightBudget"/> as plain serialisable data (for the Durable entity and restarts).</summary>
/// <remarks>
/// Configured is false while the bootstrap rule and a guessed offset are in use. CarriedWeight counts in every window
/// starting before CarriedUntil: weight spent under a previous rule or clock offset. Tickets are reservations whose
/// responses have not come back; Neighbour is what other programs on the IP are expected to spend; Pending holds
/// used-weight headers seen before the rule was known; LearntThrough is the last closed window the estimate learnt from.
/// Settled is true once a header from a request sent alone has been placed in one window (the slow start is over);
/// NeighbourSeen is true from the first header showing weight none of ours explains; LearntWindows counts the closed
/// windows whose headers explained the neighbour since (it is young below <see cref="WeightBudget.MatureAfter"/>);
/// LastFitTotal is the foreign weight the last closed window's headers showed, which the next must match to count;
/// ClockUncertainty is the band each reservation is charged over (widened by a slow clock sample).
/// </remarks>
public sealed record WeightBudgetState(
    RateLimitRule Rule,
    TimeSpan ServerOffset,
    IReadOnlyList<WindowUsage> Windows,
    DateTimeOffset? PausedUntil,
    DateTimeOffset? BannedUntil,
    int TooManyRequestsCount,
    int BanCount,
    bool Configured = false,
    int CarriedWeight = 0,
    DateTimeOffset? CarriedUntil = null,
    IReadOnlyList<WeightTicket>? Tickets = null,
    long LastTicket = 0,
    NeighbourEstimate? Neighbour = null,
    IReadOnlyList<PendingHeader>? Pending = null,
    long? LearntThrough = null,
    bool Settled = false,
    int LearntWindows = 0,
    bool NeighbourSeen = false,
    double LastFitTotal = 0,
    TimeSpan? ClockUncertainty = null);
