namespace CandleFunctions.Orchestration;

/// <summary>A validated sync request: symbols (null: the symbols file), at most N of them, and a half-open UTC range.</summary>
/// <param name="End">Null: up to the last closed minute (a later end is clamped to it too).</param>
/// <param name="TopUp">True for the daily top-up: each symbol starts after its last stored candle.</param>
public sealed record SyncInput(
    IReadOnlyList<string>? Symbols,
    int? MaxSymbols,
    DateTimeOffset Start,
    DateTimeOffset? End,
    bool TopUp = false);
