using CandleFunctions.Cli.Output;

namespace CandleFunctions.Cli.Tests.Output;

public sealed class TextTests
{
    [Theory]
    [InlineData("BTCUSDT", "BTCUSDT         ")]
    [InlineData("币安人生USDT", "币安人生USDT    ")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")]
    public void PadSymbol_CountsWideCharactersAsTwoColumns(string symbol, string expected) =>
        Assert.Equal(expected, Text.PadSymbol(symbol));

    [Fact]
    public void Plan_NamesTheArchiveAndRestShares_ThatAddUpToTheTotal() =>
        Assert.Equal("up to 4,320 candles to fetch: 1,440 from the archive (1 file), 2,880 from REST", Text.Plan(new global::CandleFunctions.Sync.SymbolPlan(1440, 1, 2880)));
}
