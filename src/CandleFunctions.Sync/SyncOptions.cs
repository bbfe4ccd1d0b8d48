namespace CandleFunctions.Sync;

/// <summary>How hard a sync run works.</summary>
public sealed class SyncOptions
{
    /// <summary>Symbols worked on at once. <value>4</value></summary>
    public int MaxConcurrentSymbols { get; set; } = 4;

    /// <summary>REST requests in flight at once, across all symbols. <value>8</value></summary>
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>Pages fetched before each durable commit (20 pages ≈ 7 days of candles). <value>20</value></summary>
    public int PagesPerCommit { get; set; } = 20;

    /// <summary>
    /// The clock files without a ledger were written in (<c>--source-tz</c>); null lets the comparison with the exchange
    /// find it. <value>null</value>
    /// </summary>
    public Core.Adoption.SourceClock? SourceClock { get; set; }

    /// <summary>
    /// Calls to <c>/time</c> (weight 1 each) after exchangeInfo to measure the server's clock; the shortest round trip
    /// wins, since a first request's may hold start-up time that would misplace short windows. <value>2</value>
    /// </summary>
    public int ClockSamples { get; set; } = DefaultClockSamples;

    /// <summary>The clock samples both hosts take by default (the app's plan takes the same, so both spend the same weight).</summary>
    public const int DefaultClockSamples = 2;

    public void Validate()
    {
        if (MaxConcurrentSymbols < 1 || MaxConcurrentRequests < 1 || PagesPerCommit < 1)
            throw new ArgumentException("Concurrency and batch sizes must be at least 1.");
        if (ClockSamples < 0)
            throw new ArgumentException("ClockSamples must not be negative.");
    }
}
