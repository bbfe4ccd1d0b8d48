namespace CandleFunctions.Core.RateLimiting;

/// <summary>Request weights of the USDⓈ-M market-data endpoints we call.</summary>
public static class KlineWeights
{
    /// <summary>The largest page the exchange serves.</summary>
    public const int MaxLimit = 1500;

    /// <summary>The exchange's default page size when no limit is sent.</summary>
    public const int DefaultLimit = 500;

    /// <summary>exchangeInfo, time and ping each cost 1.</summary>
    public const int SimpleEndpointWeight = 1;

    /// <summary>klines weight by limit: [1,100) → 1, [100,500) → 2, [500,1000] → 5, above → 10.</summary>
    public static int ForLimit(int limit) => limit switch
    {
        < 1 => throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be at least 1"),
        < 100 => 1,
        < 500 => 2,
        <= 1000 => 5,
        _ => 10,
    };
}
