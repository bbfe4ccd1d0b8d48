using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Csv;
using CandleFunctions.Storage.Ledger;
using CandleFunctions.Storage.Symbols;

namespace CandleFunctions.Storage.Local;

/// <summary>
/// Keeps candles in <c>SYMBOL.csv</c> and coverage in <c>SYMBOL.ledger.json</c> in one folder. Safe for concurrent
/// use within a process; across processes, hold a <see cref="Locking.DataFolderLock"/>.
/// </summary>
public sealed class LocalFolderStore : ICandleStore, ICandleTextStore, IRepairableStore
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public LocalFolderStore(LocalFolderStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        DataDirectory = Path.GetFullPath(options.DataDirectory);
    }

    /// <summary>The absolute data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The candle file of <paramref name="symbol"/>.</summary>
    public string CsvPath(string symbol) => Path.Combine(DataDirectory, SymbolName.Validate(symbol) + ".csv");

    /// <summary>The coverage ledger of <paramref name="symbol"/>.</summary>
    public string LedgerPath(string symbol) => Path.Combine(DataDirectory, SymbolName.Validate(symbol) + ".ledger.json");

    /// <inheritdoc />
    public async Task<StoredSymbol> LoadAsync(string symbol, CancellationToken cancellationToken)
    {
        var csv = CsvPath(symbol);
        var gate = Gate(symbol);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var ledger = await ReadLedgerAsync(symbol, cancellationToken);
            if (!File.Exists(csv))
            {
                return new StoredSymbol(symbol, CoverageSet.Empty, null, null, 0, Adopted: false)
                {
                    LedgerWithoutData = ledger is not null,
                };
            }
            using var handle = CandleFileReader.Open(csv);
            var state = await CandleFileInspector.InspectAsync(handle, csv, symbol, ledger, cancellationToken);
            if (state.Length == 0)
            {
                return new StoredSymbol(symbol, CoverageSet.Empty, null, null, 0, Adopted: ledger is null)
                {
                    LedgerWithoutData = ledger is not null,
                };
            }
            var summary = await CandleFileReader.SummarizeAsync(handle, csv, symbol, state.KeepLength, cancellationToken);
            return new StoredSymbol(symbol, ledger ?? summary.Minutes, summary.First, summary.Last, summary.Count, ledger is null);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public Task<CommitResult> CommitAsync(
        string symbol,
        IReadOnlyList<Candle> candles,
        CoverageSet newlyCovered,
        CancellationToken cancellationToken)
    {
        var csv = CsvPath(symbol);
        CommitValidation.Validate(symbol, candles, newlyCovered);
        return CommitAsync(symbol, csv, CommitRows.Of(candles), newlyCovered, cancellationToken);
    }

    /// <inheritdoc />
    public Task<CommitResult> CommitRowsAsync(
        string symbol,
        IReadOnlyList<CandleTextRows> batches,
        CoverageSet newlyCovered,
        CancellationToken cancellationToken)
    {
        var csv = CsvPath(symbol);
        CommitValidation.Validate(batches, newlyCovered);
        return CommitAsync(symbol, csv, CommitRows.Of(batches), newlyCovered, cancellationToken);
    }

    private async Task<CommitResult> CommitAsync(
        string symbol,
        string csv,
        CommitRows rows,
        CoverageSet newlyCovered,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0 && newlyCovered.IsEmpty)
            return new CommitResult(0, Appended: false);
        var gate = Gate(symbol);
        await gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(DataDirectory);
            AtomicFile.DeleteStrayTemps(csv);
            AtomicFile.DeleteStrayTemps(LedgerPath(symbol));
            var ledger = await ReadLedgerAsync(symbol, cancellationToken);
            var (result, covered) = await WriteDataAsync(csv, symbol, ledger, rows, cancellationToken);
            var updated = covered.Union(newlyCovered);
            if (ledger is null || !updated.Equals(ledger))
                await AtomicFile.WriteAllTextAsync(LedgerPath(symbol), CoverageLedger.Serialize(symbol, updated), CancellationToken.None);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Candle> ReadAsync(string symbol, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var csv = CsvPath(symbol);
        if (!File.Exists(csv))
            yield break;
        var ledger = await ReadLedgerAsync(symbol, cancellationToken);
        using var handle = CandleFileReader.Open(csv);
        var state = await CandleFileInspector.InspectAsync(handle, csv, symbol, ledger, cancellationToken);
        await foreach (var candle in CandleFileReader.ReadAsync(handle, csv, symbol, state.KeepLength, cancellationToken))
            yield return candle;
    }

    /// <inheritdoc />
    public async Task<RepairTarget> InspectAsync(string symbol, CancellationToken cancellationToken)
    {
        var csv = CsvPath(symbol);
        var ledger = await ReadLedgerAsync(symbol, cancellationToken);
        return new RepairTarget(File.Exists(csv) && new FileInfo(csv).Length > 0, ledger);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Candle> ReadWrittenRowsAsync(string symbol, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var csv = CsvPath(symbol);
        if (!File.Exists(csv))
            yield break;
        await using var file = new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        await foreach (var candle in CandleCsv.ReadWrittenRowsAsync(file, csv, symbol, cancellationToken))
            yield return candle;
    }

    /// <inheritdoc />
    public async Task ReplaceAsync(string symbol, IReadOnlyList<Candle> candles, CoverageSet covered, CancellationToken cancellationToken)
    {
        var csv = CsvPath(symbol);
        CommitValidation.Validate(symbol, candles, covered);
        var gate = Gate(symbol);
        await gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(DataDirectory);
            AtomicFile.DeleteStrayTemps(csv);
            AtomicFile.DeleteStrayTemps(LedgerPath(symbol));
            var ledger = await ReadLedgerAsync(symbol, cancellationToken);
            if (ledger is not null)
                await AtomicFile.WriteAllTextAsync(LedgerPath(symbol), CoverageLedger.Serialize(symbol, ledger.Intersect(covered)), CancellationToken.None);
            await CandleFileWriter.CreateAsync(csv, candles, cancellationToken);
            await AtomicFile.WriteAllTextAsync(LedgerPath(symbol), CoverageLedger.Serialize(symbol, covered), CancellationToken.None);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Writes the rows; returns the result and the coverage the data had before (ledger or adopted).</summary>
    private static async Task<(CommitResult Result, CoverageSet Covered)> WriteDataAsync(
        string csv,
        string symbol,
        CoverageSet? ledger,
        CommitRows rows,
        CancellationToken cancellationToken)
    {
        var state = CandleFileState.Empty;
        if (File.Exists(csv))
        {
            using var handle = CandleFileReader.Open(csv);
            state = await CandleFileInspector.InspectAsync(handle, csv, symbol, ledger, cancellationToken);
        }
        if (state.Length == 0)
        {
            // No data (or an empty file): a ledger without data is void. The file is created even without candles, so
            // that a ledger of ranges the exchange has no candles for always has its (header-only) data file beside it.
            await CandleFileWriter.CreateAsync(csv, rows, cancellationToken);
            return (new CommitResult(rows.Count, Appended: false), CoverageSet.Empty);
        }

        var canAppend = rows.Count > 0 && state.HeaderExact && (state.Last is null || rows.First > state.Last);
        if (rows.Count == 0 || canAppend)
        {
            var covered = ledger ?? await AdoptAsync(csv, symbol, state.KeepLength, cancellationToken);
            // The in-flight tail goes before the ledger grows, so the ledger never covers a cut row. (A merge needs no
            // cut: it reads up to KeepLength and replaces the file.)
            if (state.HasInFlightTail)
                CandleFileWriter.Truncate(csv, state.KeepLength);
            if (rows.Count == 0)
                return (new CommitResult(0, Appended: false), covered);
            await CandleFileWriter.AppendAsync(csv, rows, state.NeedsNewline);
            return (new CommitResult(rows.Count, Appended: true), covered);
        }
        var (added, storedMinutes) = await CandleFileWriter.MergeAsync(csv, symbol, state.KeepLength, rows.ToCandles(symbol), cancellationToken);
        return (new CommitResult(added, Appended: false), ledger ?? storedMinutes);
    }

    private static async Task<CoverageSet> AdoptAsync(string csv, string symbol, long length, CancellationToken cancellationToken)
    {
        using var handle = CandleFileReader.Open(csv);
        return (await CandleFileReader.SummarizeAsync(handle, csv, symbol, length, cancellationToken)).Minutes;
    }

    private async Task<CoverageSet?> ReadLedgerAsync(string symbol, CancellationToken cancellationToken)
    {
        var path = LedgerPath(symbol);
        if (!File.Exists(path))
            return null;
        var json = await File.ReadAllTextAsync(path, cancellationToken);
        return CoverageLedger.Parse(json, path, symbol);
    }

    private SemaphoreSlim Gate(string symbol) => _gates.GetOrAdd(symbol, _ => new SemaphoreSlim(1, 1));
}
