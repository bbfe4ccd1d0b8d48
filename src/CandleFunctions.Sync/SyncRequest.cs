namespace CandleFunctions.Sync;

/// <summary>
/// What to sync: symbols and a half-open UTC range. <see cref="End"/> null means "up to the last closed
/// minute"; a later end is clamped to it too.
/// </summary>
/// <param name="ContinueFrom">
/// When set, each listed symbol starts at its own instant (where its stored data ends) instead of <paramref name="Start"/>,
/// which is then the earliest of them; a symbol whose instant is at or after the end is up to date.
/// </param>
public sealed record SyncRequest(
    IReadOnlyList<string> Symbols,
    DateTimeOffset Start,
    DateTimeOffset? End,
    IReadOnlyDictionary<string, DateTimeOffset>? ContinueFrom = null);
