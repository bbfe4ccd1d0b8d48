namespace CandleFunctions.Storage;

/// <summary>Which files a sync writes.</summary>
public enum StorageFormat
{
    /// <summary><c>SYMBOL.csv</c> and its ledger (the default; the back-tester's original layout).</summary>
    Csv,

    /// <summary>Hive-style Parquet month files with every kline field, and their own ledger.</summary>
    Parquet,

    /// <summary>Both, kept in step.</summary>
    Both,
}
