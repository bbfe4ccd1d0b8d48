using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Local;

namespace CandleFunctions.Storage.Tests.Support;

/// <summary>A local store over a temp folder, with helpers to look at the files it writes.</summary>
public sealed class StoreFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public StoreFixture() => Store = new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = _directory.Path });

    public LocalFolderStore Store { get; }

    public string Directory => _directory.Path;

    public string CsvPath => Store.CsvPath(TestCandles.Symbol);

    public string LedgerPath => Store.LedgerPath(TestCandles.Symbol);

    public string CsvText => File.ReadAllText(CsvPath);

    public byte[] CsvBytes => File.ReadAllBytes(CsvPath);

    public void WriteCsv(string text) => File.WriteAllText(CsvPath, text);

    public Task<CommitResult> CommitAsync(IReadOnlyList<Candle> candles, CoverageSet covered) =>
        Store.CommitAsync(TestCandles.Symbol, candles, covered, CancellationToken.None);

    public Task<StoredSymbol> LoadAsync() => Store.LoadAsync(TestCandles.Symbol, CancellationToken.None);

    public async Task<List<Candle>> ReadAllAsync()
    {
        var list = new List<Candle>();
        await foreach (var candle in Store.ReadAsync(TestCandles.Symbol, CancellationToken.None))
            list.Add(candle);
        return list;
    }

    public void Dispose() => _directory.Dispose();
}
