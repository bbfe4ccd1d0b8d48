using System.Globalization;
using DuckDB.NET.Data;

namespace CandleFunctions.Cli.Tests.Support;

/// <summary>DuckDB as an independent reader of what the CLI wrote: Parquet through its hive layout, and the CSV.</summary>
public static class DuckDb
{
    /// <summary>One row as DuckDB reads it from the Parquet dataset (float64 values; extras null when absent).</summary>
    public sealed record ParquetRow(
        string Symbol, DateTimeOffset OpenTime, double Open, double High, double Low, double Close, double Volume,
        double? QuoteVolume, long? Trades, double? TakerBuyVolume, double? TakerBuyQuoteVolume);

    /// <summary><c>read_parquet('DATA/parquet/**/*.parquet', hive_partitioning=true)</c>, ordered by symbol and time.</summary>
    public static List<ParquetRow> ReadParquet(string dataDirectory)
    {
        var glob = Path.Combine(dataDirectory, "parquet", "**", "*.parquet");
        var rows = new List<ParquetRow>();
        Query(
            $"SELECT symbol, epoch_ms(open_time), open, high, low, close, volume, quote_volume, trades, taker_buy_volume, taker_buy_quote_volume " +
            $"FROM read_parquet('{Quote(glob)}', hive_partitioning=true) ORDER BY symbol, open_time",
            r => rows.Add(new ParquetRow(
                r.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
                r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6),
                r.IsDBNull(7) ? null : r.GetDouble(7), r.IsDBNull(8) ? null : r.GetInt64(8),
                r.IsDBNull(9) ? null : r.GetDouble(9), r.IsDBNull(10) ? null : r.GetDouble(10))));
        return rows;
    }

    /// <summary>The (time, open, high, low, close, volume) rows of a CSV as DuckDB parses it (float64 values).</summary>
    public static List<(DateTimeOffset Time, double Open, double High, double Low, double Close, double Volume)> ReadCsv(string path)
    {
        var rows = new List<(DateTimeOffset, double, double, double, double, double)>();
        Query(
            $"SELECT epoch_ms(CAST(timestamp AS TIMESTAMP)), open, high, low, close, volume FROM read_csv('{Quote(path)}', header=true, " +
            "columns={'timestamp': 'VARCHAR', 'open': 'DOUBLE', 'high': 'DOUBLE', 'low': 'DOUBLE', 'close': 'DOUBLE', 'volume': 'DOUBLE'})",
            r => rows.Add((DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5))));
        return rows;
    }

    /// <summary>The paths of the files each symbol's rows came from, as DuckDB's hive partitioning assigns them.</summary>
    public static List<(string Symbol, string File)> SymbolFiles(string dataDirectory)
    {
        var glob = Path.Combine(dataDirectory, "parquet", "**", "*.parquet");
        var files = new List<(string, string)>();
        Query($"SELECT DISTINCT symbol, filename FROM read_parquet('{Quote(glob)}', hive_partitioning=true, filename=true) ORDER BY filename",
            r => files.Add((r.GetString(0), r.GetString(1))));
        return files;
    }

    /// <summary>The column names and DuckDB types of one Parquet file.</summary>
    public static List<(string Name, string Type)> Schema(string file)
    {
        var columns = new List<(string, string)>();
        Query($"DESCRIBE SELECT * FROM read_parquet('{Quote(file)}', hive_partitioning=false)", r => columns.Add((r.GetString(0), r.GetString(1))));
        return columns;
    }

    public static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static void Query(string sql, Action<DuckDBDataReader> row)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            row(reader);
    }

    private static string Quote(string text) => text.Replace("'", "''", StringComparison.Ordinal);
}
