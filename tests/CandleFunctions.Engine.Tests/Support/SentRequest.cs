namespace CandleFunctions.Engine.Tests.Support;

/// <summary>One request to the exchange: when it left, what it asked, the status it got (0: no response).</summary>
public sealed record SentRequest(DateTimeOffset SentAt, string Path, string? Symbol, long? StartTimeMs, long? EndTimeMs, int Limit, int Status)
{
    /// <summary>What identifies a klines request: symbol, startTime (null for a tail page) and endTime.</summary>
    public (string?, long?, long?) Key => (Symbol, StartTimeMs, EndTimeMs);
}
