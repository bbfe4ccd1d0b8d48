namespace CandleFunctions.Binance.Archive;

/// <summary>How fetching one archive file ended.</summary>
public enum ArchiveFetchStatus
{
    /// <summary>The zip or its checksum is not published (404): fetch the range from REST.</summary>
    NotFound,

    /// <summary>The zip matched its published SHA-256 and every row parsed: its candles can be read.</summary>
    Verified,

    /// <summary>The file stayed corrupt after one retry, or transient errors outlasted the retries: fetch from REST.</summary>
    Failed,
}
