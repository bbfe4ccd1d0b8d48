namespace CandleFunctions.Weight;

/// <summary>
/// The budget's answer. Granted: requests may be sent from <paramref name="SendFrom"/> (null: at once; else the start of
/// the next server window plus the clock uncertainty) until <paramref name="SendBy"/> (the end of the server window the
/// weight was reserved in, less the clock uncertainty). Refused: ask again at <paramref name="RetryAt"/>.
/// </summary>
public sealed record WeightGrant(string GrantId, bool Granted, int Weight, DateTimeOffset RetryAt, DateTimeOffset SendBy, DateTimeOffset? SendFrom = null);
