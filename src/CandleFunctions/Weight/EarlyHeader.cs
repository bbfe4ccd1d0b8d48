namespace CandleFunctions.Weight;

/// <summary>
/// A used-weight header a grant brought back before the exchange's rule was known (the plan's exchangeInfo and clock
/// samples): kept until <see cref="WeightBudgetEntity.Configure"/>, then counted with <paramref name="OurWeight"/>, the
/// grant's own requests, told apart from another program's weight.
/// </summary>
/// <param name="Used">The header's value.</param>
/// <param name="At">When it arrived.</param>
/// <param name="Window">The window it counted, from its name; null: unknown.</param>
/// <param name="OurWeight">What the grant sent, which the header includes.</param>
public sealed record EarlyHeader(int Used, DateTimeOffset At, TimeSpan? Window, int OurWeight);
