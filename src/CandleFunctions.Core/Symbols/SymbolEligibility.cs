namespace CandleFunctions.Core.Symbols;

/// <summary>Decides which exchangeInfo symbols are USDT-margined perpetuals with candles to fetch, and when they stopped trading.</summary>
public static class SymbolEligibility
{
    /// <summary>Perpetuals carry this delivery date (2100-12-25); any earlier date is a real delivery or delisting time.</summary>
    public static readonly DateTimeOffset NoDeliveryThreshold = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Whether <paramref name="s"/> is a USDT-margined perpetual that has traded.</summary>
    public static EligibilityResult Check(ExchangeSymbol s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!IsPerpetual(s.ContractType))
        {
            return EligibilityResult.No(s.ContractType.Length == 0
                ? "no contract type given, not a perpetual"
                : $"delivery contract ({s.ContractType}), not a perpetual");
        }
        if (!string.Equals(s.MarginAsset, "USDT", StringComparison.Ordinal))
            return EligibilityResult.No($"margined in {s.MarginAsset}, not USDT");

        // A delisted perpetual waiting to be relisted shows PENDING_TRADING with its real delisting
        // date (DEFIUSDT, VIDTUSDT in the 2025 capture): it traded until then, so its history is syncable.
        if (string.Equals(s.Status, "PENDING_TRADING", StringComparison.Ordinal) && !HasDeliveryDate(s))
            return EligibilityResult.No("not trading yet (PENDING_TRADING)");
        return EligibilityResult.Yes;
    }

    /// <summary>The instant a symbol stopped trading (its delivery or delisting date), or null while it trades or has not started.</summary>
    public static DateTimeOffset? TradingEnd(ExchangeSymbol s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!HasDeliveryDate(s))
            return null;

        // TRADING is still open even when a delivery or delisting is scheduled; every other status
        // (PRE_DELIVERING, DELIVERING, DELIVERED, PRE_SETTLE, SETTLING, CLOSE, and unknown future
        // ones) means trading has stopped or is about to, and candles end at the delivery date
        // either way. PENDING_TRADING with a real date is a delisted symbol awaiting relisting.
        return string.Equals(s.Status, "TRADING", StringComparison.Ordinal) ? null : s.DeliveryDate;
    }

    /// <summary>PERPETUAL, PERPETUAL_DELIVERING (a perpetual being delisted) and any *_PERPETUAL such as TRADIFI_PERPETUAL.</summary>
    public static bool IsPerpetual(string contractType) =>
        contractType is "PERPETUAL" or "PERPETUAL_DELIVERING"
        || contractType.EndsWith("_PERPETUAL", StringComparison.Ordinal);

    private static bool HasDeliveryDate(ExchangeSymbol s) => s.DeliveryDate < NoDeliveryThreshold;
}
