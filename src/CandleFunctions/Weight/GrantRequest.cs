namespace CandleFunctions.Weight;

/// <summary>Asks the budget for <paramref name="Weight"/> at once; <paramref name="GrantId"/> (from <c>context.NewGuid()</c>) makes the ask idempotent.</summary>
public sealed record GrantRequest(string GrantId, int Weight);
