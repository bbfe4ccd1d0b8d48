namespace CandleFunctions.Weight;

/// <summary>
/// Asks the budget for up to <paramref name="Weight"/> at once; <paramref name="GrantId"/> (from <c>context.NewGuid()</c>)
/// makes the ask idempotent. With <paramref name="MinWeight"/> the entity grants the most that fits, in steps of
/// <paramref name="MinWeight"/> down from <paramref name="Weight"/> (a wave of equal pages takes as many as were granted);
/// without it, all of <paramref name="Weight"/> or nothing. <paramref name="CanWait"/>: the activities wait for
/// <see cref="WeightGrant.SendFrom"/>, so near a window's end the grant may be for the next window.
/// </summary>
public sealed record GrantRequest(string GrantId, int Weight, int? MinWeight = null, bool CanWait = false);
