using CandleFunctions.Core.Candles;

namespace BinanceSimulator.Market;

/// <summary>
/// The default symbol universe: every symbol of the shared filtered_tokens.csv, plus the cases real
/// users hit (late listing, relisting, delisting inside a range and long ago, quarterly, pending,
/// USDC-margined, TradFi) and two exchange-wide outages.
/// </summary>
public static class DefaultUniverse
{
    public static SimulatedMarket Create() => new(Symbols(), Outages());

    public static IReadOnlyList<UtcRange> Outages() =>
    [
        new(At("2025-08-12 10:15"), At("2025-08-12 10:47")),
        new(At("2026-11-10 03:00"), At("2026-11-10 03:45")),
    ];

    public static IReadOnlyList<SimSymbol> Symbols() =>
    [
        // Long-listed perpetuals (onboard dates close to the real ones).
        Perp("BTCUSDT", "BTC", "2019-09-08 17:57", 60000m, 2, 3),
        Perp("ETHUSDT", "ETH", "2019-11-27 07:00", 3000m, 2, 3),
        Perp("SOLUSDT", "SOL", "2020-09-14 07:00", 150m, 4, 0),
        Perp("XRPUSDT", "XRP", "2020-01-06 07:00", 0.6m, 4, 1),
        Perp("DOGEUSDT", "DOGE", "2020-07-10 07:00", 0.15m, 6, 0),
        Perp("ADAUSDT", "ADA", "2020-01-31 07:00", 0.5m, 5, 0),
        Perp("LINKUSDT", "LINK", "2020-01-17 07:00", 15m, 3, 2),
        Perp("AVAXUSDT", "AVAX", "2020-09-23 07:00", 30m, 4, 0),
        Perp("NEARUSDT", "NEAR", "2020-10-14 07:00", 1.2m, 4, 0),
        Perp("ONEUSDT", "ONE", "2020-07-01 07:00", 0.015m, 5, 0),
        Perp("SUSHIUSDT", "SUSHI", "2020-09-01 07:00", 0.8m, 4, 0),
        Perp("XVGUSDT", "XVG", "2024-12-11 13:00", 0.008m, 6, 0),
        Perp("REDUSDT", "RED", "2025-03-03 12:00", 0.4m, 4, 0),
        Perp("OPUSDT", "OP", "2022-06-01 08:00", 1.5m, 7, 1),
        Perp("ARBUSDT", "ARB", "2023-03-23 13:30", 0.8m, 6, 1),
        Perp("SUIUSDT", "SUI", "2023-05-03 12:30", 3m, 6, 1),
        Perp("APTUSDT", "APT", "2022-10-19 14:00", 6m, 5, 1),
        Perp("INJUSDT", "INJ", "2020-10-27 07:00", 20m, 6, 1),
        Perp("TIAUSDT", "TIA", "2023-10-31 14:30", 5m, 7, 0),
        Perp("SEIUSDT", "SEI", "2023-08-15 12:00", 0.3m, 5, 0),
        Perp("JUPUSDT", "JUP", "2024-01-31 15:00", 0.6m, 7, 0),
        Perp("ORDIUSDT", "ORDI", "2023-11-07 12:00", 10m, 3, 1),
        Perp("1000PEPEUSDT", "1000PEPE", "2023-05-05 12:00", 0.01m, 7, 0),
        Perp("WIFUSDT", "WIF", "2024-01-18 09:00", 1.5m, 7, 1),
        Perp("ENAUSDT", "ENA", "2024-04-02 12:00", 0.5m, 7, 0),
        Perp("TAOUSDT", "TAO", "2024-04-11 12:00", 400m, 2, 3),
        Perp("FETUSDT", "FET", "2020-10-15 07:00", 1.2m, 6, 0),
        Perp("ICPUSDT", "ICP", "2022-09-27 07:00", 8m, 6, 0),
        Perp("TLMUSDT", "TLM", "2022-06-21 08:00", 0.01m, 7, 0),
        Perp("LUNA2USDT", "LUNA2", "2022-09-09 07:00", 0.3m, 7, 0),
        Perp("TRUMPUSDT", "TRUMP", "2025-01-18 15:00", 12m, 3, 1),
        Perp("VIRTUALUSDT", "VIRTUAL", "2025-01-23 12:00", 1.5m, 5, 1),
        Perp("PENGUUSDT", "PENGU", "2024-12-17 12:00", 0.02m, 7, 0),
        Perp("MOVEUSDT", "MOVE", "2024-12-10 12:00", 0.4m, 5, 0),
        // Not only A-Z0-9: the exchange lists symbols in other scripts (the testnet capture holds this one).
        Perp("币安人生USDT", "币安人生", "2025-10-20 11:00", 0.15m, 5, 0),
        // Listed inside a realistic range: the first candle lands mid-range.
        Perp("KAITOUSDT", "KAITO", "2025-02-20 09:00", 1.2m, 5, 0),
        Perp("NEWCOINUSDT", "NEWCOIN", "2026-11-20 08:30", 0.25m, 5, 0),
        // Relisted: onboardDate kept from its first life; candles start at the relisting.
        Perp("OMGUSDT", "OMG", "2020-09-01 07:00", 0.35m, 4, 1) with { FirstCandleOverride = At("2026-10-01 12:00") },
        // Delisted inside a range: SETTLING, deliveryDate = delist time, flat candles after it.
        Perp("BNXUSDT", "BNX", "2023-02-16 07:00", 1.1m, 4, 1) with { Status = "SETTLING", DelistedAt = At("2026-11-15 09:00") },
        Perp("FTMUSDT", "FTM", "2020-01-28 07:00", 0.7m, 6, 0) with { Status = "SETTLING", DelistedAt = At("2025-01-03 07:00") },
        Perp("EOSUSDT", "EOS", "2020-01-08 07:00", 0.8m, 3, 1) with { Status = "SETTLING", DelistedAt = At("2025-05-21 07:00") },
        Perp("WAVESUSDT", "WAVES", "2020-03-06 07:00", 1.5m, 4, 1) with { Status = "SETTLING", DelistedAt = At("2024-06-11 07:00") },
        // Delisted long ago: gone from exchangeInfo (-1121 on klines), archive files remain.
        Perp("FTTUSDT", "FTT", "2021-02-25 07:00", 25m, 4, 1) with { DelistedAt = At("2022-11-14 03:00"), InExchangeInfo = false, Status = "CLOSE" },
        Perp("OCEANUSDT", "OCEAN", "2020-08-21 07:00", 0.6m, 5, 0) with { DelistedAt = At("2024-08-07 06:00"), InExchangeInfo = false, Status = "CLOSE" },
        Perp("AGIXUSDT", "AGIX", "2023-02-01 07:00", 0.5m, 5, 0) with { DelistedAt = At("2024-08-07 06:00"), InExchangeInfo = false, Status = "CLOSE" },
        // Not for this tool: quarterly contracts with perp-like names, pending, USDC-margined.
        new SimSymbol
        {
            Symbol = "BTCUSDT_261225", Pair = "BTCUSDT", ContractType = "CURRENT_QUARTER", BaseAsset = "BTC",
            OnboardDate = At("2026-06-27 08:00"), DeliveryDateOverride = At("2026-12-25 08:00"), BasePrice = 61000m, PricePrecision = 1, QuantityPrecision = 3,
        },
        new SimSymbol
        {
            Symbol = "ETHUSDT_270326", Pair = "ETHUSDT", ContractType = "NEXT_QUARTER", BaseAsset = "ETH",
            OnboardDate = At("2026-09-26 08:00"), DeliveryDateOverride = At("2027-03-26 08:00"), BasePrice = 3050m, PricePrecision = 2, QuantityPrecision = 3,
        },
        Perp("XEMUSDT", "XEM", "2026-12-20 08:00", 0.02m, 5, 0) with { Status = "PENDING_TRADING" },
        Perp("BTCUSDC", "BTC", "2024-01-23 08:00", 60000m, 1, 3) with { QuoteAsset = "USDC", MarginAsset = "USDC" },
        Perp("ETHUSDC", "ETH", "2024-01-23 08:00", 3000m, 2, 3) with { QuoteAsset = "USDC", MarginAsset = "USDC" },
        // TradFi perpetual: a perpetual nonetheless.
        Perp("XAUUSDT", "XAU", "2025-12-11 08:00", 2600m, 2, 3) with { ContractType = "TRADIFI_PERPETUAL", UnderlyingType = "COMMODITY" },
    ];

    private static SimSymbol Perp(string symbol, string baseAsset, string onboard, decimal price, int pricePrecision, int quantityPrecision) =>
        new()
        {
            Symbol = symbol,
            BaseAsset = baseAsset,
            OnboardDate = At(onboard),
            BasePrice = price,
            PricePrecision = pricePrecision,
            QuantityPrecision = quantityPrecision,
        };

    private static DateTimeOffset At(string utc) =>
        DateTimeOffset.ParseExact(utc, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
}
