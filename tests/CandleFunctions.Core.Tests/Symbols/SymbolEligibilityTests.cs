using CandleFunctions.Core.Symbols;

namespace CandleFunctions.Core.Tests.Symbols;

/// <summary>Cases are the contractType/status/margin combinations seen in the 2021 and 2025 exchangeInfo captures.</summary>
public class SymbolEligibilityTests
{
    private const long Year2100Ms = 4133404800000; // 2100-12-25, the perpetuals' delivery date
    private const long Delisted2025Ms = 1763712000000; // 2025-11-21 08:00, FLMUSDT's delisting

    private static ExchangeSymbol Symbol(string contractType, string status, string margin = "USDT", long deliveryMs = Year2100Ms) =>
        new("XUSDT", "XUSDT", contractType, status, margin, margin,
            DateTimeOffset.FromUnixTimeMilliseconds(1569398400000), DateTimeOffset.FromUnixTimeMilliseconds(deliveryMs));

    [Theory]
    [InlineData("PERPETUAL", "TRADING", Year2100Ms)]
    [InlineData("TRADIFI_PERPETUAL", "TRADING", Year2100Ms)]
    [InlineData("PERPETUAL", "SETTLING", Delisted2025Ms)]
    [InlineData("PERPETUAL", "PRE_SETTLE", Delisted2025Ms)]
    [InlineData("PERPETUAL", "PENDING_TRADING", Delisted2025Ms)]
    [InlineData("PERPETUAL_DELIVERING", "DELIVERING", Delisted2025Ms)]
    public void Check_UsdtPerpetualThatHasTraded_IsSyncable(string contractType, string status, long deliveryMs) =>
        Assert.Equal(new EligibilityResult(true, null), SymbolEligibility.Check(Symbol(contractType, status, deliveryMs: deliveryMs)));

    [Theory]
    [InlineData("CURRENT_QUARTER", "TRADING", "delivery contract (CURRENT_QUARTER), not a perpetual")]
    [InlineData("NEXT_QUARTER", "TRADING", "delivery contract (NEXT_QUARTER), not a perpetual")]
    [InlineData("CURRENT_QUARTER DELIVERING", "DELIVERING", "delivery contract (CURRENT_QUARTER DELIVERING), not a perpetual")]
    [InlineData("", "PENDING_TRADING", "no contract type given, not a perpetual")]
    public void Check_NonPerpetual_IsRefusedWithItsContractType(string contractType, string status, string reason) =>
        Assert.Equal(new EligibilityResult(false, reason), SymbolEligibility.Check(Symbol(contractType, status, deliveryMs: Delisted2025Ms)));

    [Theory]
    [InlineData("USDC")]
    [InlineData("BUSD")]
    [InlineData("BTC")]
    public void Check_NotUsdtMargined_IsRefused(string margin) =>
        Assert.Equal(new EligibilityResult(false, $"margined in {margin}, not USDT"), SymbolEligibility.Check(Symbol("PERPETUAL", "TRADING", margin)));

    [Theory]
    [InlineData("PERPETUAL")]
    [InlineData("TRADIFI_PERPETUAL")]
    public void Check_NewListingPendingTrading_IsRefused(string contractType) =>
        Assert.Equal(new EligibilityResult(false, "not trading yet (PENDING_TRADING)"), SymbolEligibility.Check(Symbol(contractType, "PENDING_TRADING")));

    [Theory]
    [InlineData("SETTLING")]
    [InlineData("PRE_SETTLE")]
    [InlineData("CLOSE")]
    [InlineData("DELIVERING")]
    [InlineData("DELIVERED")]
    [InlineData("PRE_DELIVERING")]
    [InlineData("PENDING_TRADING")]
    public void TradingEnd_StoppedSymbol_IsItsDeliveryDate(string status) =>
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(Delisted2025Ms), SymbolEligibility.TradingEnd(Symbol("PERPETUAL", status, deliveryMs: Delisted2025Ms)));

    [Theory]
    [InlineData("TRADING", Year2100Ms)]
    [InlineData("TRADING", Delisted2025Ms)]
    [InlineData("PENDING_TRADING", Year2100Ms)]
    [InlineData("SETTLING", Year2100Ms)]
    public void TradingEnd_TradingOrWithoutRealDeliveryDate_IsNull(string status, long deliveryMs) =>
        Assert.Null(SymbolEligibility.TradingEnd(Symbol("PERPETUAL", status, deliveryMs: deliveryMs)));
}
