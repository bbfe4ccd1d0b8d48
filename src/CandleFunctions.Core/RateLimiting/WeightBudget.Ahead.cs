namespace CandleFunctions.Core.RateLimiting;

/// <summary>Reservations in the next window, for a host whose requests wait for that window on their own clock.</summary>
public sealed partial class WeightBudget
{
    /// <summary>
    /// The server window after the one the server is in at local <paramref name="now"/>, as the local span in which a
    /// request is surely counted in it alone: from its start plus the clock uncertainty to its end less it.
    /// </summary>
    public (DateTimeOffset SendFrom, DateTimeOffset SendBy) NextWindow(DateTimeOffset now) => Span(NextIndex(now));

    /// <summary>
    /// Reserves <paramref name="weight"/> at <paramref name="now"/> for requests sent within <see cref="NextWindow"/>
    /// only: the weight is charged to that window alone and granted only if it fits there with everything the window is
    /// expected to hold. Refused while another program shows on the IP (then our spending is paced within each window
    /// as it goes), for hosts that ask one request at a time (their start-up rules need each window's first headers),
    /// and while a pause or ban lasts beyond the next window's start.
    /// </summary>
    /// <returns>Granted with a ticket, or refused with the local instant at which that window surely starts.</returns>
    public WeightDecision TryReserveNext(int weight, DateTimeOffset now)
    {
        if (weight < 1 || weight > Usable)
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"A request weight must be between 1 and the usable budget {Usable}.");
        Prune(now);
        var next = NextIndex(now);
        var (sendFrom, _) = Span(next);
        if (PausedUntil is { } paused && paused > sendFrom)
            return new WeightDecision(false, paused);
        if (_capInFlight || SeesAnotherProgram || !_configured || !Fits(next, weight, now))
            return new WeightDecision(false, sendFrom);

        var usage = Find(next);
        Put(usage with { Reserved = usage.Reserved + weight });
        var ticket = new WeightTicket(++_lastTicket, weight, next, next);
        _tickets.Add(ticket);
        return new WeightDecision(true, sendFrom, ticket.Id);
    }

    private long NextIndex(DateTimeOffset now) => FloorDiv(ServerTicks(now), Rule.Window.Ticks) + 1;

    private (DateTimeOffset SendFrom, DateTimeOffset SendBy) Span(long index)
    {
        var uncertainty = TimeSpan.FromTicks(_uncertaintyTicks);
        return (LocalStart(index) + uncertainty, LocalStart(index + 1) - uncertainty);
    }
}
