namespace CandleFunctions.Storage;

/// <summary>Outcome of a commit.</summary>
/// <param name="Added">Candles newly written (candles already stored are kept and not counted).</param>
/// <param name="Appended">True when the rows were appended to the existing data without a rewrite.</param>
public sealed record CommitResult(long Added, bool Appended);
