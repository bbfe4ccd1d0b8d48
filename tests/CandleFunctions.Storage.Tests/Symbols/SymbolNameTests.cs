using CandleFunctions.Storage.Symbols;

namespace CandleFunctions.Storage.Tests.Symbols;

public class SymbolNameTests
{
    [Theory]
    [InlineData("BTCUSDT")]
    [InlineData("1000PEPEUSDT")]
    [InlineData("BTCUSDT_261225")]
    [InlineData("A")]
    public void Validate_ExchangeStyleName_ReturnsIt(string symbol) => Assert.Equal(symbol, SymbolName.Validate(symbol));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("../x", "only A-Z")]
    [InlineData("a/b", "only A-Z")]
    [InlineData("BTC USDT", "only A-Z")]
    [InlineData("BTCUSDT.csv", "only A-Z")]
    [InlineData("btcusdt", "upper case")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDE", "longer than 40")]
    [InlineData("CON", "reserved")]
    public void Validate_UnsafeName_Throws(string symbol, string reason)
    {
        var error = Assert.Throws<InvalidSymbolNameException>(() => SymbolName.Validate(symbol));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(SymbolName.IsValid(symbol));
    }

    [Fact]
    public async Task Store_UnsafeName_IsRejectedBeforeTouchingTheDisk()
    {
        using var directory = new Support.TempDirectory();
        var store = new Storage.Local.LocalFolderStore(new() { DataDirectory = directory.Path });

        await Assert.ThrowsAsync<InvalidSymbolNameException>(() => store.LoadAsync("../etc", CancellationToken.None));
    }
}
