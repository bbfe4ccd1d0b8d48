namespace BinanceSimulator.Market;

/// <summary>
/// One instrument of the simulated exchange. <see cref="FirstCandle"/> is when its candles start
/// (which may differ from <see cref="OnboardDate"/>, as for relisted perps); <see cref="DelistedAt"/> is
/// when trading stopped. After that, REST keeps serving flat zero-volume candles while the symbol is
/// still in exchangeInfo, as the real API does.
/// </summary>
public sealed record SimSymbol
{
    public required string Symbol { get; init; }
    public string? Pair { get; init; }
    public string ContractType { get; init; } = "PERPETUAL";
    public string Status { get; init; } = "TRADING";
    public required string BaseAsset { get; init; }
    public string QuoteAsset { get; init; } = "USDT";
    public string MarginAsset { get; init; } = "USDT";
    public string UnderlyingType { get; init; } = "COIN";
    public required DateTimeOffset OnboardDate { get; init; }

    /// <summary>Open time of the first candle; defaults to the onboard date.</summary>
    public DateTimeOffset? FirstCandleOverride { get; init; }

    /// <summary>When trading stopped (exclusive: the last traded candle opens one minute before).</summary>
    public DateTimeOffset? DelistedAt { get; init; }

    /// <summary>Delivery date shown in exchangeInfo; perpetuals use 2100-12-25 unless delisted.</summary>
    public DateTimeOffset? DeliveryDateOverride { get; init; }

    /// <summary>False for symbols delisted long ago: exchangeInfo no longer lists them and klines answers -1121.</summary>
    public bool InExchangeInfo { get; init; } = true;

    /// <summary>False for symbols that have no archive files at all.</summary>
    public bool InArchive { get; init; } = true;

    public int PricePrecision { get; init; } = 4;
    public int QuantityPrecision { get; init; } = 1;
    public decimal BasePrice { get; init; } = 1m;

    public static readonly DateTimeOffset PerpetualDeliveryDate = DateTimeOffset.FromUnixTimeMilliseconds(4133404800000);

    public string PairName => Pair ?? Symbol;

    public DateTimeOffset FirstCandle => FirstCandleOverride ?? OnboardDate;

    public DateTimeOffset DeliveryDate => DeliveryDateOverride ?? DelistedAt ?? PerpetualDeliveryDate;

    /// <summary>PENDING_TRADING symbols have no candles at all.</summary>
    public bool HasCandles => Status != "PENDING_TRADING";
}
