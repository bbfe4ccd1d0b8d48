using System.Globalization;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Ledger;
using CandleFunctions.Storage.Local;

namespace CandleFunctions.Storage.Parquet;

/// <summary>
/// Month files under <c>DATA/parquet/symbol=SYMBOL/</c>. A month is replaced by writing a temp file beside it (its
/// name starts with a dot, so no reader's glob or dataset discovery picks it up), flushing it to disk and renaming
/// it over the old one.
/// </summary>
public sealed class LocalParquetMonthStore : IParquetMonthStore
{
    private const string TempPrefix = ".";
    private const string TempSuffix = ".tmp";

    public LocalParquetMonthStore(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Root = Path.Combine(Path.GetFullPath(dataDirectory), ParquetLayout.Root);
    }

    /// <summary>The absolute <c>parquet</c> folder.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public string Location => Root;

    /// <summary>The month file of <paramref name="symbol"/>.</summary>
    public string MonthPath(string symbol, DateOnly month) => Path.Combine(SymbolDirectory(symbol), ParquetLayout.MonthFile(month));

    /// <summary>The Parquet ledger of <paramref name="symbol"/>.</summary>
    public string LedgerPath(string symbol) => Path.Combine(SymbolDirectory(symbol), ParquetLayout.LedgerName);

    /// <inheritdoc />
    public Task<IReadOnlyList<DateOnly>> ListMonthsAsync(string symbol, CancellationToken cancellationToken)
    {
        var directory = SymbolDirectory(symbol);
        IReadOnlyList<DateOnly> months = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Select(f => ParquetLayout.ParseMonthFile(Path.GetFileName(f)))
                .OfType<DateOnly>().Order().ToList()
            : [];
        return Task.FromResult(months);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>> ReadMonthAsync(string symbol, DateOnly month, CancellationToken cancellationToken)
    {
        var path = MonthPath(symbol, month);
        if (!File.Exists(path))
            return [];
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous);
        return await ParquetCandleFile.ReadAsync(stream, path, symbol, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<MonthSummary> SummarizeMonthAsync(string symbol, DateOnly month, CancellationToken cancellationToken)
    {
        var path = MonthPath(symbol, month);
        if (!File.Exists(path))
            return new MonthSummary(0, null, null);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous);
        return await ParquetCandleFile.SummarizeAsync(stream, path, cancellationToken);
    }

    /// <inheritdoc />
    public Task WriteMonthAsync(string symbol, DateOnly month, IReadOnlyList<Candle> rows, CancellationToken cancellationToken) =>
        ReplaceMonthAsync(symbol, month, stream => ParquetCandleFile.WriteAsync(stream, symbol, rows, cancellationToken), cancellationToken);

    /// <summary>Replaces the month file with <paramref name="content"/> (a month file's bytes, as a mirrored blob holds them), atomically.</summary>
    public Task WriteMonthBytesAsync(string symbol, DateOnly month, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        ReplaceMonthAsync(symbol, month, stream => stream.WriteAsync(content, cancellationToken).AsTask(), cancellationToken);

    private async Task ReplaceMonthAsync(string symbol, DateOnly month, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var directory = SymbolDirectory(symbol);
        Directory.CreateDirectory(directory);
        var name = ParquetLayout.MonthFile(month);
        DeleteStrayTemps(directory, name);
        var temp = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{TempPrefix}{name}.{Guid.NewGuid():N}{TempSuffix}"));
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                await write(stream);
                stream.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, Path.Combine(directory, name), overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<CoverageSet?> ReadLedgerAsync(string symbol, CancellationToken cancellationToken)
    {
        var path = LedgerPath(symbol);
        if (!File.Exists(path))
            return null;
        return CoverageLedger.Parse(await File.ReadAllTextAsync(path, cancellationToken), path, symbol);
    }

    /// <inheritdoc />
    public Task WriteLedgerAsync(string symbol, CoverageSet covered, CancellationToken cancellationToken)
    {
        var path = LedgerPath(symbol);
        Directory.CreateDirectory(SymbolDirectory(symbol));
        AtomicFile.DeleteStrayTemps(path);
        return AtomicFile.WriteAllTextAsync(path, CoverageLedger.Serialize(symbol, covered), cancellationToken);
    }

    /// <summary>Temp files an interrupted write left in <paramref name="symbol"/>'s folder (never read; the next write removes them).</summary>
    public IReadOnlyList<string> StrayTemps(string symbol)
    {
        var directory = SymbolDirectory(symbol);
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Where(f => Path.GetFileName(f).EndsWith(TempSuffix, StringComparison.Ordinal)).ToList()
            : [];
    }

    private string SymbolDirectory(string symbol) => Path.Combine(Root, ParquetLayout.SymbolFolder(symbol));

    private static void DeleteStrayTemps(string directory, string name)
    {
        foreach (var stray in Directory.EnumerateFiles(directory, TempPrefix + name + ".*" + TempSuffix))
            TryDelete(stray);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp file is harmless: no reader picks it up, and the next write of its month removes it.
        }
    }
}
