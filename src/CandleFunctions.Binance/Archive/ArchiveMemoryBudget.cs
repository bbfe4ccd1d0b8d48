namespace CandleFunctions.Binance.Archive;

/// <summary>
/// Bounds the downloaded zip bytes held ahead of the writers: a download whose file is not yet being written waits
/// before it takes more than <see cref="Limit"/> allows, so however slow the writers and however many symbols and
/// months, the files waiting for them hold at most <see cref="Limit"/> bytes. A file being written (its
/// <see cref="ArchiveHold"/> promoted) is never held back, so every writer always makes progress. Thread-safe.
/// </summary>
public sealed class ArchiveMemoryBudget
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _waiters = [];
    private long _ahead;
    private long _peakAhead;
    private long _held;
    private long _peakHeld;

    /// <summary>A budget of <paramref name="limit"/> bytes for files held ahead of their writers.</summary>
    public ArchiveMemoryBudget(long limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
    }

    /// <summary>Most bytes held ahead of the writers at once.</summary>
    public long Limit { get; }

    /// <summary>Bytes held now by files not yet being written.</summary>
    public long BytesAhead
    {
        get
        {
            lock (_gate)
                return _ahead;
        }
    }

    /// <summary>The most <see cref="BytesAhead"/> has been; never above <see cref="Limit"/>.</summary>
    public long PeakBytesAhead
    {
        get
        {
            lock (_gate)
                return _peakAhead;
        }
    }

    /// <summary>Bytes held now by all downloaded zips, those being written included.</summary>
    public long BytesHeld
    {
        get
        {
            lock (_gate)
                return _held;
        }
    }

    /// <summary>The most <see cref="BytesHeld"/> has been.</summary>
    public long PeakBytesHeld
    {
        get
        {
            lock (_gate)
                return _peakHeld;
        }
    }

    /// <summary>A claim for one file, ahead of its writer until <see cref="ArchiveHold.Promote"/>.</summary>
    public ArchiveHold NewHold() => new(this);

    /// <summary>Takes <paramref name="bytes"/> for <paramref name="hold"/>, once they fit (at once when it is being written).</summary>
    internal Task ChargeAsync(ArchiveHold hold, long bytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Waiter waiter;
        lock (_gate)
        {
            if (!hold.Ahead || (_waiters.Count == 0 && Fits(hold, bytes)))
            {
                Apply(hold, bytes);
                return Task.CompletedTask;
            }
            waiter = new Waiter(hold, bytes);
            waiter.Node = _waiters.AddLast(waiter);
        }
        if (cancellationToken.CanBeCanceled)
            waiter.Registration = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
        return waiter.Done.Task;
    }

    /// <summary>Gives back <paramref name="bytes"/> of <paramref name="hold"/>'s.</summary>
    internal void Release(ArchiveHold hold, long bytes)
    {
        lock (_gate)
        {
            hold.Charged -= bytes;
            _held -= bytes;
            if (hold.Ahead)
                _ahead -= bytes;
            Pump();
        }
    }

    /// <summary>The hold's file is being written: its bytes no longer count ahead, and it no longer waits.</summary>
    internal void Promote(ArchiveHold hold)
    {
        lock (_gate)
        {
            if (!hold.Ahead)
                return;
            hold.Ahead = false;
            _ahead -= hold.Charged;
            Pump();
        }
    }

    private bool Fits(ArchiveHold hold, long bytes) => !hold.Ahead || _ahead + bytes <= Limit;

    private void Apply(ArchiveHold hold, long bytes)
    {
        hold.Charged += bytes;
        _held += bytes;
        _peakHeld = Math.Max(_peakHeld, _held);
        if (hold.Ahead)
        {
            _ahead += bytes;
            _peakAhead = Math.Max(_peakAhead, _ahead);
        }
    }

    /// <summary>Grants waiting charges that now fit, oldest first (a smaller later one may pass a larger one).</summary>
    private void Pump()
    {
        for (var node = _waiters.First; node is not null;)
        {
            var next = node.Next;
            var waiter = node.Value;
            if (Fits(waiter.Hold, waiter.Bytes))
            {
                _waiters.Remove(node);
                Apply(waiter.Hold, waiter.Bytes);
                waiter.Registration.Unregister();
                waiter.Done.TrySetResult();
            }
            node = next;
        }
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is null)
                return;
            _waiters.Remove(waiter.Node);
        }
        waiter.Done.TrySetCanceled(cancellationToken);
    }

    private sealed class Waiter(ArchiveHold hold, long bytes)
    {
        public ArchiveHold Hold { get; } = hold;

        public long Bytes { get; } = bytes;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
