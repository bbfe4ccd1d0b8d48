namespace CandleFunctions.Cli.Tests.Support;

/// <summary>One candle row as stored or as the exchange defines it; decimals compare by exact value.</summary>
public sealed record StoredRow(DateTimeOffset Timestamp, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume);
