using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage.Parquet;

/// <summary>
/// Where a symbol's Parquet month files and its ledger live (a local folder; a blob container can implement the
/// same). Every write replaces a whole month file atomically: a reader sees the old file or the new, never a torn one.
/// </summary>
public interface IParquetMonthStore
{
    /// <summary>A description of where the files are, for messages.</summary>
    string Location { get; }

    /// <summary>The months of <paramref name="symbol"/> that have a file, ascending.</summary>
    Task<IReadOnlyList<DateOnly>> ListMonthsAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>Every row of one month file, ascending (empty when the month has no file).</summary>
    /// <exception cref="CorruptParquetFileException">The file is not a candle month file.</exception>
    Task<IReadOnlyList<Candle>> ReadMonthAsync(string symbol, DateOnly month, CancellationToken cancellationToken);

    /// <summary>Number of rows and first and last open time of one month file, reading only what that needs.</summary>
    Task<MonthSummary> SummarizeMonthAsync(string symbol, DateOnly month, CancellationToken cancellationToken);

    /// <summary>Replaces the month file with <paramref name="rows"/> (ascending, unique, inside the month), atomically.</summary>
    Task WriteMonthAsync(string symbol, DateOnly month, IReadOnlyList<Candle> rows, CancellationToken cancellationToken);

    /// <summary>The ranges known complete in the Parquet files, or null when there is no ledger.</summary>
    Task<CoverageSet?> ReadLedgerAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>Replaces the ledger atomically.</summary>
    Task WriteLedgerAsync(string symbol, CoverageSet covered, CancellationToken cancellationToken);
}
