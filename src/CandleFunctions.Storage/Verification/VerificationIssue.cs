namespace CandleFunctions.Storage.Verification;

/// <summary>The kinds of things <see cref="CandleFileCheck"/> and <see cref="CandleFolderVerifier"/> report.</summary>
public enum VerificationIssue
{
    /// <summary>The CSV cannot be opened, or its header is not a candle header (error).</summary>
    UnreadableFile,

    /// <summary>The ledger cannot be read or belongs to another symbol (error).</summary>
    UnreadableLedger,

    /// <summary>A row that is not a candle: wrong field count, not a number, not a whole-minute UTC timestamp (error).</summary>
    BadRow,

    /// <summary>A row earlier than the row before it (error).</summary>
    OutOfOrder,

    /// <summary>A row with the same minute as the row before it (error).</summary>
    Duplicate,

    /// <summary>Prices that cannot be: low above open or close, or high below them (error).</summary>
    ImpossiblePrices,

    /// <summary>A negative volume (error).</summary>
    NegativeVolume,

    /// <summary>A candle in a file with a ledger, at a minute the ledger does not cover (error).</summary>
    OutsideCoverage,

    /// <summary>Minutes between the first and the last candle that no sync has covered yet (info).</summary>
    NotYetSynced,

    /// <summary>A CSV without a ledger: verified against the exchange and adopted by the next sync (info).</summary>
    NoLedger,

    /// <summary>A ledger without its CSV: void; the next sync starts the symbol over (info).</summary>
    LedgerWithoutData,

    /// <summary>An unterminated last row an interrupted write left; the next sync drops it (info).</summary>
    PartialLastRow,

    /// <summary>A temp file an interrupted atomic write left; harmless, the next write removes it (info).</summary>
    LeftoverTempFile,

    /// <summary>A Parquet month file holding a row of another month (error).</summary>
    WrongMonth,

    /// <summary>Where both ledgers cover a minute, the CSV and the Parquet files do not hold the same candle (error).</summary>
    FormatsDiffer,
}
