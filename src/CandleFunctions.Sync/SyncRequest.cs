namespace CandleFunctions.Sync;

/// <summary>
/// What to sync: symbols and a half-open UTC range. <see cref="End"/> null means "up to the last closed
/// minute"; a later end is clamped to it too.
/// </summary>
public sealed record SyncRequest(IReadOnlyList<string> Symbols, DateTimeOffset Start, DateTimeOffset? End);
