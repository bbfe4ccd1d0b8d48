namespace CandleFunctions.Weight;

/// <summary>
/// A used-weight header a grant brought back before the exchange's rule was known (the plan's exchangeInfo and clock
/// samples): kept until <see cref="WeightBudgetEntity.Configure"/>, then observed whole. The budget carries the grant's
/// own requests into the new windows as ours, so only what lies beyond them counts as another program's.
/// </summary>
/// <param name="Used">The header's value.</param>
/// <param name="At">When it arrived.</param>
/// <param name="Window">The window it counted, from its name; null: unknown.</param>
public sealed record EarlyHeader(int Used, DateTimeOffset At, TimeSpan? Window);
