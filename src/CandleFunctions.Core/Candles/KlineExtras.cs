namespace CandleFunctions.Core.Candles;

/// <summary>
/// The kline fields beyond the back-tester's <see cref="Candle"/>: quote volume, trade count and the taker-buy
/// volumes. The CSV does not keep them; the Parquet store does. Decimal values keep the exchange's text exactly.
/// </summary>
/// <param name="QuoteVolume">Volume in the quote asset.</param>
/// <param name="Trades">Number of trades.</param>
/// <param name="TakerBuyVolume">Base-asset volume bought by takers.</param>
/// <param name="TakerBuyQuoteVolume">Quote-asset volume bought by takers.</param>
public sealed record KlineExtras(decimal QuoteVolume, long Trades, decimal TakerBuyVolume, decimal TakerBuyQuoteVolume);
