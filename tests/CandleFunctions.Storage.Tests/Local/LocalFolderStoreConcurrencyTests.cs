using CandleFunctions.Storage.Tests.Support;
using static CandleFunctions.Storage.Tests.Support.TestCandles;

namespace CandleFunctions.Storage.Tests.Local;

public sealed class LocalFolderStoreConcurrencyTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task ConcurrentCommitsOfOneSymbol_LoseNothing()
    {
        // Later batches first, so most commits merge (prepend) rather than append.
        var starts = Enumerable.Range(0, 20).Reverse().Select(b => b * 5);

        await Task.WhenAll(starts.Select(start =>
            Task.Run(() => _fixture.CommitAsync(Minutes(start, start + 5), Covering(start, start + 5)))));

        Assert.Equal(Minutes(0, 100), await _fixture.ReadAllAsync());
        Assert.Equal(Covering(0, 100), (await _fixture.LoadAsync()).Covered);
    }
}
