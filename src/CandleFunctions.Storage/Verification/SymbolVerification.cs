namespace CandleFunctions.Storage.Verification;

/// <summary>What verifying one symbol's CSV and ledger found.</summary>
/// <param name="Symbol">The symbol, from the file name.</param>
/// <param name="Candles">Rows that parsed as candles.</param>
/// <param name="First">The earliest candle's open time, if any.</param>
/// <param name="Last">The latest candle's open time, if any.</param>
/// <param name="HasLedger">True when a readable ledger was checked against the rows.</param>
/// <param name="Findings">Everything worth reporting, errors first.</param>
public sealed record SymbolVerification(
    string Symbol,
    long Candles,
    DateTimeOffset? First,
    DateTimeOffset? Last,
    bool HasLedger,
    IReadOnlyList<VerificationFinding> Findings)
{
    /// <summary>Which files were checked: <c>csv</c> (<c>SYMBOL.csv</c>) or <c>parquet</c> (<c>parquet/symbol=SYMBOL/</c>).</summary>
    public string Format { get; init; } = "csv";

    /// <summary>True when nothing is wrong (info findings allowed).</summary>
    public bool Ok => Findings.All(f => f.Severity != VerificationSeverity.Error);
}
