using System.Diagnostics;
using System.Globalization;
using CandleFunctions.Storage.Csv;
using CandleFunctions.Storage.Parquet;
using DuckDB.NET.Data;
using Parquet;

namespace CandleFunctions.Bench;

/// <summary>
/// Loading a synced folder into memory, each way measured apart: DuckDB's start-up (a new in-memory engine and its
/// first query), DuckDB decoding every value of the Parquet dataset (an aggregate over all columns: the read alone),
/// DuckDB materialising all rows (<c>CREATE TABLE AS</c>: the read plus building its own table), DuckDB rows into .NET
/// arrays through ADO.NET, Parquet.Net columns into .NET arrays, DuckDB materialising the CSVs, and the store's CsvHelper
/// reader. Also the bytes per row of each Parquet column, from the files' own metadata.
/// </summary>
public static class ParquetLoadBenchmark
{
    private static readonly string[] s_values =
        ["open", "high", "low", "close", "volume", "quote_volume", "taker_buy_volume", "taker_buy_quote_volume"];

    public static async Task<int> RunAsync(string folder, int repeats)
    {
        var csvFiles = Directory.EnumerateFiles(folder, "*.csv").Where(f => !f.EndsWith("symbols.csv", StringComparison.Ordinal)).Order().ToList();
        var parquetRoot = Path.Combine(folder, ParquetLayout.Root);
        var parquetFiles = Directory.EnumerateFiles(parquetRoot, "*.parquet", SearchOption.AllDirectories).Order().ToList();
        var glob = Sql(Path.Combine(parquetRoot, "**", "*.parquet"));
        var csvList = string.Join(", ", csvFiles.Select(f => $"'{Sql(f)}'"));

        var clock = Stopwatch.StartNew();
        var first = new DuckDBConnection("DataSource=:memory:");
        first.Open();
        Scalar(first, "SELECT 1");
        var firstStart = clock.Elapsed.TotalMilliseconds;
        first.Dispose();

        // Wall time and this process's CPU time (every thread, DuckDB's included): on a shared machine the CPU time is
        // the steadier figure.
        var results = new Dictionary<string, List<double>>();
        var cpus = new Dictionary<string, List<double>>();
        long rows = 0;
        void Time(string name, Func<long> load)
        {
            using var self = Process.GetCurrentProcess();
            var cpu = self.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            rows = load();
            (results.TryGetValue(name, out var list) ? list : results[name] = []).Add(watch.Elapsed.TotalMilliseconds);
            self.Refresh();
            (cpus.TryGetValue(name, out var used) ? used : cpus[name] = []).Add((self.TotalProcessorTime - cpu).TotalMilliseconds);
        }

        // The same rows in DuckDB's own Parquet layout (its row groups and page sizes): if our files were built badly,
        // materialising these would be much faster.
        var duckLayout = Path.Combine(Path.GetTempPath(), $"candles-duck-layout-{Guid.NewGuid():N}.parquet");
        using (var writer = new DuckDBConnection("DataSource=:memory:"))
        {
            writer.Open();
            Scalar(writer, $"COPY (SELECT * FROM read_parquet('{glob}', hive_partitioning=true)) TO '{Sql(duckLayout)}' (FORMAT parquet, COMPRESSION zstd)");
        }
        try
        {
            for (var i = 0; i < repeats; i++)
            {
                Time("start", () =>
                {
                    using var c = new DuckDBConnection("DataSource=:memory:");
                    c.Open();
                    return Convert.ToInt64(Scalar(c, "SELECT 1"), CultureInfo.InvariantCulture);
                });
                using var duck = new DuckDBConnection("DataSource=:memory:");
                duck.Open();
                Scalar(duck, "SELECT 1");
                var sums = string.Join(", ", s_values.Select(v => $"sum({v})"));
                Time("scan", () => DuckScan(duck, $"SELECT count(open_time), {sums}, sum(trades) FROM read_parquet('{glob}', hive_partitioning=true)"));
                Time("ctas", () => Convert.ToInt64(Scalar(duck,
                    $"CREATE OR REPLACE TABLE candles AS SELECT * FROM read_parquet('{glob}', hive_partitioning=true); SELECT count(*) FROM candles"), CultureInfo.InvariantCulture));
                Time("duckctas", () => Convert.ToInt64(Scalar(duck,
                    $"CREATE OR REPLACE TABLE candles AS SELECT * FROM read_parquet('{Sql(duckLayout)}'); SELECT count(*) FROM candles"), CultureInfo.InvariantCulture));
                Time("ado", () => DuckArrays(duck, glob));
                Time("csvctas", () => Convert.ToInt64(Scalar(duck,
                    $"CREATE OR REPLACE TABLE csv AS SELECT * FROM read_csv([{csvList}], header=true, columns={{'timestamp': 'TIMESTAMP', 'open': 'DOUBLE', 'high': 'DOUBLE', 'low': 'DOUBLE', 'close': 'DOUBLE', 'volume': 'DOUBLE'}}); SELECT count(*) FROM csv"), CultureInfo.InvariantCulture));
                var parquetNet = 0L;
                Time("parquetnet", () => { parquetNet = ParquetNetArraysAsync(parquetFiles).GetAwaiter().GetResult(); return parquetNet; });
                Time("csvhelper", () => csvFiles.Sum(f => ParseCsvAsync(f).GetAwaiter().GetResult()));
            }
        }
        finally
        {
            File.Delete(duckLayout);
        }

        double M(string name) => Median(results[name]);
        double C(string name) => Median(cpus[name]);
        var csvHelper = M("csvhelper");
        var csvHelperCpu = C("csvhelper");
        Console.WriteLine($"  load every row ({rows:N0} rows, median of {repeats}; DuckDB engine start-up: first in the process {firstStart:F0} ms, then {M("start"):F0} ms, not included below):");
        Console.WriteLine($"    {"",-58}{"wall ms",10}{"faster",8}{"CPU ms",10}{"less",8}");
        void Line(string what, string name) => Console.WriteLine($"    {what,-58}{M(name),10:F0}{csvHelper / M(name),7:F1}x{C(name),10:F0}{csvHelperCpu / C(name),7:F1}x");
        Line("CsvHelper (the store's reader) into float64 rows", "csvhelper");
        Line("DuckDB read_csv, CREATE TABLE AS (the same CSVs)", "csvctas");
        Line("DuckDB read_parquet, decode every value (aggregate)", "scan");
        Line("DuckDB read_parquet, CREATE TABLE AS (materialised)", "ctas");
        Line("  the same rows re-written in DuckDB's own layout", "duckctas");
        Line("DuckDB read_parquet into .NET arrays (ADO.NET reader)", "ado");
        Line("Parquet.Net columns into .NET arrays", "parquetnet");

        using var meta = new DuckDBConnection("DataSource=:memory:");
        meta.Open();
        var fileBytes = parquetFiles.Sum(f => new FileInfo(f).Length);
        var csvBytes = csvFiles.Sum(f => new FileInfo(f).Length);
        var columns = new List<(string Name, long Bytes)>();
        using (var command = meta.CreateCommand())
        {
            command.CommandText = $"SELECT path_in_schema, sum(total_compressed_size)::BIGINT FROM parquet_metadata('{glob}') GROUP BY ALL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                columns.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        var ordered = ParquetCandleFile.ColumnNames.Select(n => columns.Single(c => c.Name == n)).ToList();
        var perRow = string.Join(", ", ordered.Select(c => $"{c.Name} {(double)c.Bytes / rows:F2}"));
        var six = ordered.Where(c => c.Name is "open_time" or "open" or "high" or "low" or "close" or "volume").Sum(c => c.Bytes);
        Console.WriteLine($"  bytes per row: CSV {(double)csvBytes / rows:F2} (6 columns); Parquet {(double)fileBytes / rows:F2} (10 columns): {perRow}; "
            + $"footers and headers {(double)(fileBytes - columns.Sum(c => c.Bytes)) / rows:F2}");
        Console.WriteLine($"  the CSV's 6 columns in Parquet: {six:N0} bytes = {(double)six / csvBytes:P1} of the CSV; the 4 extra columns {columns.Sum(c => c.Bytes) - six:N0} bytes");
        return 0;
    }

    private static string Sql(string path) => path.Replace("'", "''", StringComparison.Ordinal);

    private static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static long DuckScan(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        reader.Read();
        return reader.GetInt64(0);
    }

    /// <summary>Every row through DuckDB's ADO.NET reader into one array per column.</summary>
    private static long DuckArrays(DuckDBConnection connection, string glob)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT open_time, {string.Join(", ", s_values)}, trades FROM read_parquet('{glob}', hive_partitioning=true)";
        using var reader = command.ExecuteReader();
        var times = new List<DateTime>();
        var values = s_values.Select(_ => new List<double>()).ToArray();
        var trades = new List<long>();
        while (reader.Read())
        {
            times.Add(reader.GetDateTime(0));
            for (var v = 0; v < values.Length; v++)
                values[v].Add(reader.GetDouble(v + 1));
            trades.Add(reader.GetInt64(values.Length + 1));
        }
        return times.Count;
    }

    /// <summary>Every month file's columns through Parquet.Net into arrays (what a .NET back-tester would hold).</summary>
    private static async Task<long> ParquetNetArraysAsync(IReadOnlyList<string> files)
    {
        long rows = 0;
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            await using var reader = await ParquetReader.CreateAsync(stream);
            var fields = reader.Schema.GetDataFields();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var group = reader.OpenRowGroupReader(g);
                var n = checked((int)group.RowCount);
                await group.ReadAsync<DateTime>(fields[0], new DateTime[n]);
                foreach (var field in fields.Skip(1))
                {
                    if (field.ClrType == typeof(long))
                        await group.ReadAsync<long>(field, new long?[n]);
                    else if (field.IsNullable)
                        await group.ReadAsync<double>(field, new double?[n]);
                    else
                        await group.ReadAsync<double>(field, new double[n]);
                }
                rows += n;
            }
        }
        return rows;
    }

    /// <summary>The store's own CsvHelper reader (exact decimals), turned into the float64 rows a back-tester holds.</summary>
    private static async Task<long> ParseCsvAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        var rows = new List<(DateTimeOffset, double, double, double, double, double)>();
        await foreach (var c in CandleCsv.ReadAsync(stream, path, Path.GetFileNameWithoutExtension(path), CancellationToken.None))
            rows.Add((c.Timestamp, (double)c.Open, (double)c.High, (double)c.Low, (double)c.Close, (double)c.Volume));
        return rows.Count;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
