namespace CandleFunctions.Core.RateLimiting;

/// <summary>The server's window grid as seen from the local clock, the windows kept, and weight carried across a realignment.</summary>
public sealed partial class WeightBudget
{
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>Our weight from before a realignment that still counts in window <paramref name="index"/>.</summary>
    private int Carried(long index) => _carriedUntil is { } until && LocalStart(index) < until ? _carriedWeight : 0;

    private long ServerTicks(DateTimeOffset local) => local.UtcTicks - UnixEpochTicks + ServerOffset.Ticks;

    /// <summary>How far into window <paramref name="index"/> the server's clock is at local <paramref name="now"/>, 0 to 1.</summary>
    private double Position(DateTimeOffset now, long index)
    {
        var into = ServerTicks(now) - (index * Rule.Window.Ticks);
        return Math.Clamp(into / (double)Rule.Window.Ticks, 0, 1);
    }

    /// <summary>The first and last window index the server may be in at local <paramref name="now"/>.</summary>
    private (long First, long Last) Band(DateTimeOffset now)
    {
        var server = ServerTicks(now);
        var window = Rule.Window.Ticks;
        return (FloorDiv(server - _uncertaintyTicks, window), FloorDiv(server + _uncertaintyTicks, window));
    }

    private DateTimeOffset LocalStart(long index) =>
        new DateTimeOffset(UnixEpochTicks + (index * Rule.Window.Ticks), TimeSpan.Zero) - ServerOffset;

    private WindowUsage Find(long index) =>
        _windows.Find(w => w.Index == index) ?? new WindowUsage(index, 0, 0);

    private void Put(WindowUsage usage)
    {
        var at = _windows.FindIndex(w => w.Index >= usage.Index);
        if (at < 0)
            _windows.Add(usage);
        else if (_windows[at].Index == usage.Index)
            _windows[at] = usage;
        else
            _windows.Insert(at, usage);
    }

    /// <summary>
    /// Learns from every window that has surely closed, and drops windows that can no longer be charged, keeping one
    /// spare in case callers' clocks step back a little.
    /// </summary>
    private void Prune(DateTimeOffset now)
    {
        var (first, _) = Band(now);
        foreach (var closed in _windows.Where(w => w.Index < first && (_learntThrough is not { } learnt || w.Index > learnt)).ToList())
        {
            Learn(closed);
            _learntThrough = closed.Index;
        }
        _windows.RemoveAll(w => w.Index < first - 1);
        // A ticket whose windows are all gone can no longer land anywhere.
        _tickets.RemoveAll(t => t.Last < first - 1);
        if (_carriedUntil is { } until && LocalStart(first - 1) >= until)
        {
            _carriedWeight = 0;
            _carriedUntil = null;
        }
    }

    /// <summary>
    /// Carries what the old window grid knew onto the new one: its weight counts in every new window
    /// that starts before the old grid's last window has surely ended. Coarse, but always on the safe
    /// side, and it only happens on the first Configure (little bootstrap weight) or a new window length.
    /// </summary>
    private void Realign()
    {
        var live = _windows.Where(w => w.Reserved > 0 || w.Observed > 0).ToList();
        if (live.Count > 0)
        {
            _carriedWeight += live.Sum(w => Math.Max(w.Reserved, w.Observed));
            var until = LocalStart(live.Max(w => w.Index) + 1) + TimeSpan.FromTicks(_uncertaintyTicks);
            _carriedUntil = Later(_carriedUntil, until);
        }
        _windows.Clear();
        _tickets.Clear();
        _learntThrough = null;
    }

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}
