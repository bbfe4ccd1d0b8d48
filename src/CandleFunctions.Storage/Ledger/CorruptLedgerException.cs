namespace CandleFunctions.Storage.Ledger;

/// <summary>A coverage ledger that cannot be read; delete it to re-adopt the data (everything not stored is refetched).</summary>
public sealed class CorruptLedgerException : Exception
{
    public CorruptLedgerException(string path, string reason, Exception? innerException = null)
        : base($"{path}: cannot read the coverage ledger: {reason}. Fix it, or delete it to re-adopt the stored candles.", innerException)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The ledger file (or blob).</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
