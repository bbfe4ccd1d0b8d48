namespace CandleFunctions.Weight;

/// <summary>A grant the entity gave: kept for idempotency, and counted in flight while <see cref="Open"/>; <paramref name="Ticket"/> is the budget's reservation.</summary>
public sealed record IssuedGrant(string GrantId, int Weight, DateTimeOffset ReservedAt, DateTimeOffset SendBy, bool Open, long Ticket = 0)
{
    /// <summary>When a grant reserved in the next window may start sending; null: at once.</summary>
    public DateTimeOffset? SendFrom { get; init; }
}
