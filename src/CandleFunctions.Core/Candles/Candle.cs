namespace CandleFunctions.Core.Candles;

/// <summary>
/// One closed 1-minute candle, mirroring the back-tester's <c>Candle</c> record. Values are kept as
/// <see cref="decimal"/> so the exchange's text round-trips exactly (parsing the stored file yields
/// the very numbers the exchange sent).
/// </summary>
public sealed record Candle(
    string Symbol,
    DateTimeOffset Timestamp,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume)
{
    /// <summary>
    /// The exchange's other kline fields, when the source had them (archive and REST rows do; a CSV does not).
    /// Only the Parquet store keeps them.
    /// </summary>
    public KlineExtras? Extras { get; init; }

    /// <summary>The half-open minute this candle covers.</summary>
    public UtcRange Minute => new(Timestamp, Timestamp + TimeSpan.FromMinutes(1));

    /// <summary>Open time in Unix milliseconds, the exchange's unit.</summary>
    public long OpenTimeMs => Timestamp.ToUnixTimeMilliseconds();
}
