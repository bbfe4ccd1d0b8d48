namespace CandleFunctions.Weight;

/// <summary>What the exchange told an activity about the weight: the last used-weight header, a 429, a 418.</summary>
/// <param name="UsedWeight">The last used-weight header value seen, if any.</param>
/// <param name="UsedWeightAt">When that header arrived.</param>
/// <param name="TooManyRequestsAt">When a 429 arrived, if one did.</param>
/// <param name="RetryAfter">The 429's Retry-After, if given.</param>
/// <param name="BannedUntil">The local instant a 418 ban ends, if one arrived.</param>
/// <param name="UsedWeightWindow">The window length the used-weight header counted (from its name, e.g. <c>-6s</c>); null: the rule's.</param>
/// <param name="BanAnswered">
/// True when a 418 answer arrived; false with <paramref name="BannedUntil"/> set when the activity stopped on a ban another
/// activity of the process met, before sending anything into it.
/// </param>
public sealed record ExchangeFeedback(
    int? UsedWeight = null,
    DateTimeOffset? UsedWeightAt = null,
    DateTimeOffset? TooManyRequestsAt = null,
    TimeSpan? RetryAfter = null,
    DateTimeOffset? BannedUntil = null,
    TimeSpan? UsedWeightWindow = null,
    bool BanAnswered = false)
{
    /// <summary>Nothing observed.</summary>
    public static ExchangeFeedback None { get; } = new();
}
