using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Weight;

/// <summary>How the weight-budget entity grants weight.</summary>
public sealed class WeightBudgetEntityOptions
{
    /// <summary>
    /// The governor's own settings (safety fraction, clock uncertainty). The budget's own in-flight rule (half the room
    /// seen) is off: the entity grants whole waves and caps them by <see cref="MaxInFlightWeight"/> once another program
    /// shows. <value>2%, 250 ms</value>
    /// </summary>
    public WeightBudgetOptions Budget { get; set; } = ForEntity(new WeightBudgetOptions());

    /// <summary>
    /// The largest single grant, and the most weight granted but not yet reported back across every orchestration
    /// while another program shows on the IP: a used-weight header read while our requests are in flight may then
    /// hide that much of the other program's weight, so this stays inside the safety margin (2% of 2400 = 48). While
    /// the IP is ours alone there is no such cap: every grant is reserved in its window first, so the window's budget
    /// bounds what is sent, and many orchestrations' waves run at once.
    /// <value>30</value>
    /// </summary>
    public int MaxInFlightWeight { get; set; } = 30;

    /// <summary>A grant is refused when less than this remains of its window, so activities have time to send. <value>2 seconds</value></summary>
    public TimeSpan MinSendTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How close to a window's end an ask that can wait is granted in the next window (its activities are scheduled at
    /// once and wait for that window), so work is ready when it opens. Only while the IP is ours alone; zero turns it
    /// off. <value>2 seconds</value>
    /// </summary>
    public TimeSpan ReserveAhead { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long after its send deadline an unreported grant still counts in flight (one request's timeout and more). <value>20 seconds</value></summary>
    public TimeSpan InFlightGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How soon to ask again when the in-flight cap is what refused. <value>1 second</value></summary>
    public TimeSpan InFlightRetry { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Budget settings as the entity uses them: <paramref name="budget"/> with the budget's in-flight rule off.</summary>
    public static WeightBudgetOptions ForEntity(WeightBudgetOptions budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        budget.CapInFlightAtHalfTheRoom = false;
        return budget;
    }

    /// <summary>Throws when a value cannot work.</summary>
    public void Validate()
    {
        Budget.Validate();
        if (MaxInFlightWeight < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxInFlightWeight), MaxInFlightWeight, "MaxInFlightWeight must be at least 1.");
        if (MinSendTime <= TimeSpan.Zero || InFlightGrace < TimeSpan.Zero || InFlightRetry <= TimeSpan.Zero || ReserveAhead < TimeSpan.Zero)
            throw new ArgumentException("MinSendTime and InFlightRetry must be positive; InFlightGrace and ReserveAhead cannot be negative.");
    }
}
