using CandleFunctions.Core.Candles;
using CandleFunctions.Storage.Tests.Support;
using static CandleFunctions.Storage.Tests.Support.TestCandles;

namespace CandleFunctions.Storage.Tests.Local;

public sealed class CommitValidationTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    public static TheoryData<string, Candle[]> BadBatches() => new()
    {
        { "descending", [At(2), At(1)] },
        { "duplicate", [At(1), At(1)] },
        { "outside the covered range", [At(1), At(20)] },
        { "another symbol", [At(1) with { Symbol = "ETHUSDT" }] },
        { "off-minute", [At(1) with { Timestamp = Time(1).AddSeconds(30) }] },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task Commit_InvalidBatch_ThrowsArgumentExceptionAndWritesNothing(string why, Candle[] candles)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _fixture.CommitAsync(candles, Covering(0, 10)));

        Assert.False(File.Exists(_fixture.CsvPath), why);
        Assert.False(File.Exists(_fixture.LedgerPath), why);
    }
}
