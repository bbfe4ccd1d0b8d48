namespace CandleFunctions.Binance.Archive;

/// <summary>
/// One file's claim on an <see cref="ArchiveMemoryBudget"/>: ahead of its writer (bounded, may wait) until
/// <see cref="Promote"/> says it is the file being written (never waits). Its zip gives the bytes back when disposed.
/// </summary>
public sealed class ArchiveHold
{
    private readonly ArchiveMemoryBudget _budget;

    internal ArchiveHold(ArchiveMemoryBudget budget) => _budget = budget;

    /// <summary>True until <see cref="Promote"/>.</summary>
    public bool Ahead { get; internal set; } = true;

    /// <summary>Bytes this file holds now.</summary>
    public long Charged { get; internal set; }

    /// <summary>The file is the one its writer needs next: it stops counting ahead and no longer waits.</summary>
    public void Promote() => _budget.Promote(this);

    /// <summary>Takes <paramref name="bytes"/> from the budget: at once when being written, else once they fit.</summary>
    public Task ChargeAsync(long bytes, CancellationToken cancellationToken = default) => _budget.ChargeAsync(this, bytes, cancellationToken);

    /// <summary>Gives back <paramref name="bytes"/> this file took.</summary>
    public void Release(long bytes) => _budget.Release(this, bytes);
}
