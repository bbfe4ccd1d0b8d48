using CandleFunctions.Core.Planning;
using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Activities;

/// <summary>Pages one chunk activity fetches under a wave's grant; nothing is sent before <paramref name="SendFrom"/> (null: at once) or after <paramref name="SendBy"/>.</summary>
public sealed record ChunkWork(
    string InstanceId,
    string Symbol,
    int ChunkIndex,
    IReadOnlyList<KlinePage> Pages,
    RateLimitRule Rule,
    TimeSpan ServerOffset,
    DateTimeOffset SendBy,
    DateTimeOffset? SendFrom = null);
