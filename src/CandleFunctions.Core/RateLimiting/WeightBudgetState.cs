namespace CandleFunctions.Core.RateLimiting;

/// <summary>The whole state of a <see cref="WeightBudget"/> as plain serialisable data (for the Durable entity and restarts).</summary>
/// <remarks>Configured is false while the bootstrap rule and a guessed offset are in use. CarriedWeight counts in every window starting before CarriedUntil: weight spent under a previous rule or clock offset.</remarks>
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
    DateTimeOffset? CarriedUntil = null);
