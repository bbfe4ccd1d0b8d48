namespace CandleFunctions.Core.RateLimiting;

/// <summary>Other programs on the IP: the foreign weight each header shows, and the estimate learnt from closed windows.</summary>
public sealed partial class WeightBudget
{
    // How fast the neighbour estimate follows a new window's figures: quicker up (safety) than down.
    private const double RiseWeight = 0.6;
    private const double FallWeight = 0.5;

    // The estimate never claims more than this share of the usable budget, so we keep probing (and learning) every window.
    private const double MaxNeighbourShare = 0.9;

    // Headers spread over less than this (standard deviation of their positions, as a share of the window) tell no rate.
    private const double MinRateSpread = 0.08;

    // Two windows' foreign totals this close (share of the ceiling) show the same program at the same pace.
    private const double ExplainedTolerance = 0.1;

    /// <summary>Whether another program shows on the IP: foreign weight in a window still remembered, or a neighbour estimate.</summary>
    public bool SeesAnotherProgram => Neighbour.Total > 0 || _windows.Exists(w => w.Foreign > 0);

    /// <summary>Credits a header to the earlier window the server may be in and notes the foreign weight it shows.</summary>
    /// <remarks>
    /// The server counted our landed weight, what we spent before the rule was known (carried) and, most likely, the
    /// requests we sent before this one (lower ticket ids); whatever the header shows beyond that is another program's. Near a boundary the header is credited to
    /// the earlier window, because crediting a full old window to a fresh one would stall a busy client for a whole
    /// window, while missing a new window's first few hundred milliseconds of foreign spend is bounded and corrected
    /// by the next response.
    /// </remarks>
    /// <returns>True when the header could be placed in one window only.</returns>
    private bool Record(int used, DateTimeOffset now, long? ticketId, WeightTicket? sent = null)
    {
        var (first, last) = Band(now);
        if (sent is not null && first > sent.Last)
        {
            // Read after the window its request was charged to had surely turned (a busy process reads its responses
            // late): the server counted it in that window, so the header belongs there, not to the fresh one, where it
            // would pass for another program's weight. Learnt from no more; only what it shows beyond ours is noted.
            if (sent.Last < first - 1)
                return false;
            (first, last) = (sent.First, sent.Last);
        }
        var usage = Find(first);
        var counted = Carried(first) + usage.Landed + _tickets
            .Where(t => t.First <= first && t.Last >= first && (ticketId is not { } id || t.Id < id))
            .Sum(t => t.Weight);
        var foreign = Math.Max(0, used - counted);
        var sure = Math.Max(0, used - Carried(first) - usage.Reserved);
        if (sure > 0 && !_neighbourSeen)
        {
            _neighbourSeen = true;
            _learntWindows = 0;
        }
        var position = Position(now, first);
        Put(usage with
        {
            SureForeign = Math.Max(usage.SureForeign, sure),
            Observed = Math.Max(usage.Observed, used),
            Foreign = Math.Max(usage.Foreign, foreign),
            FirstSeenAt = usage.FirstSeenAt ?? position,
            FirstForeign = usage.FirstSeenAt is null ? foreign : usage.FirstForeign,
            LastSeenAt = Math.Max(usage.LastSeenAt, position),
            // Near a boundary the header may belong to the next window (a burst there would look like a late rise here): not learnt from.
            Fit = first == last ? (usage.Fit ?? ForeignFit.Empty).Add(position, foreign) : usage.Fit,
        });
        return first == last;
    }

    /// <summary>The weight to assume the window will hold: ours, the foreign weight seen, what the neighbour will still spend, and carried weight.</summary>
    /// <remarks>
    /// While the estimate is young, another program may be a steady spender whose pace no closed window has told yet
    /// (a trading bot using most of every window): what it still spends is projected from this window's own headers
    /// (<see cref="OnwardPace"/>). Early in a window such a program has spent little, so the room we see is not the room
    /// it leaves. <paramref name="projected"/> false leaves the projection out: what the window holds if the other
    /// program spends no more than the estimate says.
    /// </remarks>
    private int Effective(long index, DateTimeOffset now, bool projected = true)
    {
        var usage = Find(index);
        var position = Position(now, index);
        var (burst, rate) = CappedNeighbour();
        var foreign = position >= 1
            ? usage.Foreign
            : Math.Max(usage.Foreign + (rate * (1 - position)), burst + rate);
        if (projected && position < 1 && Young && OnwardPace(usage) is { } pace)
            foreign = Math.Max(foreign, usage.Foreign + (pace * (1 - Math.Min(position, usage.LastSeenAt))));
        return usage.Reserved + (int)Math.Ceiling(foreign - 1e-9) + Carried(index);
    }

    /// <summary>
    /// The pace (weight per whole window) at which other programs spend in window <paramref name="usage"/>, from its own
    /// headers. Once the first and the latest lie a <see cref="ProbeSpacing"/> apart: what they spent between the two (a
    /// burst at the window's start shows none). Before that: the pace they would have kept had they spent steadily since
    /// the window began (their weight, with the weight carried from before the rule was known, over the position of the
    /// latest header less the clock's uncertainty). Each header's figure is low by our requests it did not count yet, so
    /// the most seen is taken, not a fit. Null when no header showed another program.
    /// </summary>
    private double? OnwardPace(WindowUsage usage)
    {
        if (usage.SureForeign <= 0)
            return null;
        var between = usage.LastSeenAt - (usage.FirstSeenAt ?? usage.LastSeenAt);
        if (between >= ProbeSpacingShare)
            return Math.Max(0, usage.Foreign - usage.FirstForeign) / between;
        var uncertainty = Math.Min(1, (double)_uncertaintyTicks / Rule.Window.Ticks);
        return (usage.Foreign + Carried(usage.Index)) / Math.Max(usage.LastSeenAt - uncertainty, Math.Max(uncertainty, 0.01));
    }

    private (double Burst, double Rate) CappedNeighbour()
    {
        var total = Neighbour.Total;
        var cap = MaxNeighbourShare * Ceiling;
        if (total <= cap)
            return (Neighbour.Burst, Neighbour.Rate);
        var scale = cap / total;
        return (Neighbour.Burst * scale, Neighbour.Rate * scale);
    }

    /// <summary>Learns from a closed window what other programs spend: a burst at its start and a steady rate through it.</summary>
    private void Learn(WindowUsage usage)
    {
        if (usage.Fit is not { Count: > 0 } fit)
            return; // nothing was seen in it: no news about the neighbour
        var (burst, rate) = fit.Line(Neighbour.Rate, MinRateSpread);
        var young = Young;
        Neighbour = new NeighbourEstimate(Blend(Neighbour.Burst, burst, young), Blend(Neighbour.Rate, rate, young));
        if (!_neighbourSeen)
            return;
        if (usage.SureForeign <= 0)
        {
            // A whole window's headers showed nobody else (or the other program has gone): the next one seen starts
            // young. Only weight that none of ours can explain counts here; a fitted estimate of a request or two is noise.
            _neighbourSeen = false;
            _learntWindows = 0;
        }
        else if (_learntWindows < MatureAfter && Explained(fit, burst + rate))
            _learntWindows++;
        _lastFitTotal = burst + rate;
    }

    /// <summary>
    /// Whether a closed window's headers are evidence the estimate can be trusted: spread over the window enough to tell
    /// a steady rate from a burst (headers bunched at its start say nothing of the rest) and, after the first such window,
    /// showing about what the window before showed. A program that grows into the room we leave (a process like us
    /// starting up) does not match, and keeps us at half.
    /// </summary>
    private bool Explained(ForeignFit fit, double total) =>
        fit.TellsRate(MinRateSpread)
        && (_learntWindows == 0 || Math.Abs(total - _lastFitTotal) <= Math.Max(2, ExplainedTolerance * Ceiling));

    /// <summary>Moves the estimate towards a window's figure: while young, straight up to any higher figure (safety first).</summary>
    private static double Blend(double old, double seen, bool young)
    {
        var rise = young ? 1 : RiseWeight;
        var next = old + ((seen > old ? rise : FallWeight) * (seen - old));
        return next < 0.5 ? 0 : next;
    }
}
