using CandleFunctions.Storage.Symbols;

namespace CandleFunctions.Storage.Tests.Symbols;

public class SymbolNameTests
{
    [Theory]
    [InlineData("BTCUSDT")]
    [InlineData("1000PEPEUSDT")]
    [InlineData("BTCUSDT_261225")]
    [InlineData("A")]
    [InlineData("币安人生USDT")]
    [InlineData("测试测试USDT")]
    [InlineData("BTC-USDT.P")]
    public void Validate_NameTheExchangeCouldList_ReturnsIt(string symbol)
    {
        Assert.Equal(symbol, SymbolName.Validate(symbol));
        Assert.True(SymbolName.IsValid(symbol));
    }

    [Fact]
    public void Validate_SixtyFourBytesOfUtf8_IsAcceptedAndOneMoreIsNot()
    {
        // 20 CJK characters are 60 bytes of UTF-8; with "USDT" 64, the limit.
        var longest = new string('币', 20) + "USDT";

        Assert.Equal(longest, SymbolName.Validate(longest));
        Assert.Contains("longer than 64 bytes of UTF-8", Assert.Throws<InvalidSymbolNameException>(() => SymbolName.Validate(longest + "X")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("../x", "path separator")]
    [InlineData("a/b", "path separator")]
    [InlineData("A\\B", "path separator")]
    [InlineData("A..B", "'..'")]
    [InlineData("..", "'..'")]
    [InlineData(".HIDDEN", "starts with '.'")]
    [InlineData("BTCUSDT.", "ends with '.'")]
    [InlineData(" BTCUSDT", "starts or ends with a space")]
    [InlineData("BTC\tUSDT", "control")]
    [InlineData("BTC\u0000USDT", "control")]
    [InlineData("BTC\u202EUSDT", "invisible formatting")]
    [InlineData("BTC:USDT", "Windows does not allow")]
    [InlineData("BTC?USDT", "Windows does not allow")]
    [InlineData("btcusdt", "lower-case")]
    [InlineData("CON", "reserved")]
    [InlineData("NUL.X", "reserved")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123", "longer than 64 bytes")]
    public void Validate_UnsafeName_ThrowsSayingWhy(string symbol, string reason)
    {
        var error = Assert.Throws<InvalidSymbolNameException>(() => SymbolName.Validate(symbol));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(SymbolName.IsValid(symbol));
    }

    [Fact]
    public void Validate_LoneSurrogate_Throws() =>
        Assert.Contains("well-formed", Assert.Throws<InvalidSymbolNameException>(() => SymbolName.Validate("BTC\uD800USDT")).Message, StringComparison.Ordinal);

    [Fact]
    public async Task Store_UnicodeName_RoundTripsThroughItsOwnFile()
    {
        using var directory = new Support.TempDirectory();
        var store = new Storage.Local.LocalFolderStore(new() { DataDirectory = directory.Path });
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var candle = new Core.Candles.Candle("币安人生USDT", at, 0.1m, 0.2m, 0.05m, 0.15m, 1000m);

        await store.CommitAsync("币安人生USDT", [candle], Core.Coverage.CoverageSet.Of(new Core.Candles.UtcRange(at, at.AddMinutes(1))), CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(directory.Path, "币安人生USDT.csv")));
        Assert.True(File.Exists(Path.Combine(directory.Path, "币安人生USDT.ledger.json")));
        Assert.Equal(at, (await store.LoadAsync("币安人生USDT", CancellationToken.None)).Last);
    }

    [Fact]
    public async Task Store_UnsafeName_IsRejectedBeforeTouchingTheDisk()
    {
        using var directory = new Support.TempDirectory();
        var store = new Storage.Local.LocalFolderStore(new() { DataDirectory = directory.Path });

        await Assert.ThrowsAsync<InvalidSymbolNameException>(() => store.LoadAsync("../etc", CancellationToken.None));
    }
}
