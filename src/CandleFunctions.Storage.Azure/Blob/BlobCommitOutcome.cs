namespace CandleFunctions.Storage.Azure.Blob;

/// <summary>A finished blob commit: the data written and the ledger the container now holds.</summary>
/// <param name="Data">The data commit; null when there were no candles and no blob to touch.</param>
/// <param name="Ledger">The ledger as stored after the commit.</param>
internal sealed record BlobCommitOutcome(BlobDataWrite Data, BlobLedgerState Ledger)
{
    public CommitResult Result => Data.Result;
}
