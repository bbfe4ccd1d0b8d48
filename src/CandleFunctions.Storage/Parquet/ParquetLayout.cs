using System.Globalization;
using CandleFunctions.Storage.Symbols;

namespace CandleFunctions.Storage.Parquet;

/// <summary>
/// Names in the hive-style Parquet layout, <c>parquet/symbol=SYMBOL/month=YYYY-MM.parquet</c>, which pandas, polars,
/// pyarrow and DuckDB prune by path. The same names serve the local folder and blob containers.
/// </summary>
public static class ParquetLayout
{
    /// <summary>The folder (or blob prefix) under the data folder that holds every symbol's month files.</summary>
    public const string Root = "parquet";

    /// <summary>
    /// The ledger's name inside a symbol's folder. The leading underscore makes pyarrow (and so pandas) skip it,
    /// and it does not match the <c>*.parquet</c> globs of polars and DuckDB.
    /// </summary>
    public const string LedgerName = "_ledger.json";

    private const string MonthPrefix = "month=";
    private const string Extension = ".parquet";

    /// <summary>The folder of <paramref name="symbol"/>, relative to <see cref="Root"/>: <c>symbol=SYMBOL</c>.</summary>
    public static string SymbolFolder(string symbol) => "symbol=" + SymbolName.Validate(symbol);

    /// <summary>The file name of <paramref name="month"/>: <c>month=YYYY-MM.parquet</c>.</summary>
    public static string MonthFile(DateOnly month) =>
        MonthPrefix + month.ToString("yyyy-MM", CultureInfo.InvariantCulture) + Extension;

    /// <summary>The month a file name stands for, or null when it is not a month file (a temp file, the ledger).</summary>
    public static DateOnly? ParseMonthFile(string fileName)
    {
        if (!fileName.StartsWith(MonthPrefix, StringComparison.Ordinal) || !fileName.EndsWith(Extension, StringComparison.Ordinal))
            return null;
        var text = fileName[MonthPrefix.Length..^Extension.Length];
        return DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? month : null;
    }

    /// <summary>The first day of the UTC month holding <paramref name="instant"/>.</summary>
    public static DateOnly MonthOf(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new DateOnly(utc.Year, utc.Month, 1);
    }

    /// <summary>The half-open UTC range of <paramref name="month"/>.</summary>
    public static Core.Candles.UtcRange RangeOf(DateOnly month)
    {
        var start = new DateTimeOffset(month.Year, month.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return new Core.Candles.UtcRange(start, start.AddMonths(1));
    }
}
