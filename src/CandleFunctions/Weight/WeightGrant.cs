namespace CandleFunctions.Weight;

/// <summary>
/// The budget's answer. Granted: requests may be sent until <paramref name="SendBy"/> (the end of the server window the
/// weight was reserved in, less the clock uncertainty). Refused: ask again at <paramref name="RetryAt"/>.
/// </summary>
public sealed record WeightGrant(string GrantId, bool Granted, int Weight, DateTimeOffset RetryAt, DateTimeOffset SendBy);
