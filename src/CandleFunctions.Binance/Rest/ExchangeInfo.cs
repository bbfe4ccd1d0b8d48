using CandleFunctions.Core.RateLimiting;
using CandleFunctions.Core.Symbols;

namespace CandleFunctions.Binance.Rest;

/// <summary>What one exchangeInfo call tells us: the server's clock, its weight limits, and its symbols.</summary>
public sealed record ExchangeInfo(
    DateTimeOffset ServerTime,
    IReadOnlyList<RateLimitRule> WeightLimits,
    IReadOnlyDictionary<string, ExchangeSymbol> Symbols);
