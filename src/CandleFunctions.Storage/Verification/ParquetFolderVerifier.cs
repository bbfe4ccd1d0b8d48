using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Csv;
using CandleFunctions.Storage.Ledger;
using CandleFunctions.Storage.Local;
using CandleFunctions.Storage.Parquet;
using CandleFunctions.Storage.Symbols;

namespace CandleFunctions.Storage.Verification;

/// <summary>
/// Verifies every symbol folder under <c>DATA/parquet/</c>: the schema of each month file, rows inside their month,
/// order and duplicates across months, OHLC sanity and coverage by the Parquet ledger (with
/// <see cref="CandleFileCheck"/>), and, where the symbol also has a CSV, that both hold the same candles wherever
/// both ledgers cover. Reads, never writes.
/// </summary>
public static class ParquetFolderVerifier
{
    /// <summary>One report per symbol folder, in name order (none when the data folder has no Parquet files).</summary>
    public static async Task<IReadOnlyList<SymbolVerification>> VerifyAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var months = new LocalParquetMonthStore(dataDirectory);
        if (!Directory.Exists(months.Root))
            return [];
        var symbols = Directory.EnumerateDirectories(months.Root)
            .Select(Path.GetFileName)
            .Select(n => n is not null && n.StartsWith("symbol=", StringComparison.Ordinal) ? n["symbol=".Length..] : null)
            .Where(SymbolName.IsValid)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        var csv = new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = dataDirectory });
        var reports = new List<SymbolVerification>(symbols.Count);
        foreach (var symbol in symbols)
            reports.Add(await VerifySymbolAsync(months, csv, symbol, cancellationToken));
        return reports;
    }

    private static async Task<SymbolVerification> VerifySymbolAsync(
        LocalParquetMonthStore months, LocalFolderStore csv, string symbol, CancellationToken cancellationToken)
    {
        var extra = new List<VerificationFinding>();
        var temps = months.StrayTemps(symbol).Count;
        if (temps > 0)
            extra.Add(Info(VerificationIssue.LeftoverTempFile, temps, $"{temps} temp file(s) of an interrupted write are left; no reader picks them up, and the next write of their month removes them."));
        CoverageSet? ledger = null;
        try
        {
            ledger = await months.ReadLedgerAsync(symbol, cancellationToken);
        }
        catch (Exception e) when (e is CorruptLedgerException or IOException or UnauthorizedAccessException)
        {
            extra.Add(new VerificationFinding(VerificationSeverity.Error, VerificationIssue.UnreadableLedger, 1, e.Message));
        }

        var check = new CandleFileCheck(ledger);
        var wrongMonth = new List<string>();
        long row = 0;
        foreach (var month in await months.ListMonthsAsync(symbol, cancellationToken))
        {
            IReadOnlyList<Candle> rows;
            try
            {
                rows = await months.ReadMonthAsync(symbol, month, cancellationToken);
            }
            catch (Exception e) when (e is CorruptParquetFileException or IOException or UnauthorizedAccessException)
            {
                extra.Add(new VerificationFinding(VerificationSeverity.Error, VerificationIssue.UnreadableFile, 1, e.Message));
                continue;
            }
            foreach (var candle in rows)
            {
                row++;
                if (ParquetLayout.MonthOf(candle.Timestamp) != month)
                    wrongMonth.Add($"{ParquetLayout.MonthFile(month)} holds {candle.Timestamp:yyyy-MM-dd HH:mm}");
                check.Row(row, candle);
            }
        }
        if (wrongMonth.Count > 0)
            extra.Add(new VerificationFinding(VerificationSeverity.Error, VerificationIssue.WrongMonth, wrongMonth.Count,
                $"{wrongMonth.Count:N0} rows are in another month's file ({string.Join("; ", wrongMonth.Take(3))})."));
        if (ledger is null && check.Candles > 0)
            extra.Add(Info(VerificationIssue.NoLedger, 1, "no Parquet ledger: the next sync keeps these rows but fetches their ranges again."));
        if (ledger is not null && File.Exists(csv.CsvPath(symbol)))
            extra.AddRange(await CompareWithCsvAsync(months, csv, symbol, ledger, cancellationToken));
        return new SymbolVerification(symbol, check.Candles, check.First, check.Last, ledger is not null,
            check.Finish().Concat(extra).OrderByDescending(f => f.Severity).ThenBy(f => f.Issue).ToList())
        {
            Format = "parquet",
        };
    }

    /// <summary>Walks both files in step over the minutes both ledgers cover; any minute that differs is an error.</summary>
    private static async Task<IEnumerable<VerificationFinding>> CompareWithCsvAsync(
        LocalParquetMonthStore months, LocalFolderStore csv, string symbol, CoverageSet parquetLedger, CancellationToken cancellationToken)
    {
        CoverageSet both;
        try
        {
            var csvLedger = File.Exists(csv.LedgerPath(symbol))
                ? CoverageLedger.Parse(await File.ReadAllTextAsync(csv.LedgerPath(symbol), cancellationToken), csv.LedgerPath(symbol), symbol)
                : null;
            if (csvLedger is null)
                return [];
            both = csvLedger.Intersect(parquetLedger);
        }
        catch (Exception e) when (e is CorruptLedgerException or IOException or UnauthorizedAccessException)
        {
            return []; // The CSV's own report names its ledger.
        }
        var differences = new List<string>();
        long count = 0;
        try
        {
            await using var fromCsv = csv.ReadAsync(symbol, cancellationToken).Where(c => both.Contains(c.Timestamp)).GetAsyncEnumerator(cancellationToken);
            var csvHas = await fromCsv.MoveNextAsync();
            await foreach (var p in new ParquetCandleStore(months).ReadAsync(symbol, cancellationToken).Where(c => both.Contains(c.Timestamp)))
            {
                while (csvHas && fromCsv.Current.Timestamp < p.Timestamp)
                {
                    Note($"{fromCsv.Current.Timestamp:yyyy-MM-dd HH:mm} only in the CSV");
                    csvHas = await fromCsv.MoveNextAsync();
                }
                if (csvHas && fromCsv.Current.Timestamp == p.Timestamp)
                {
                    if (fromCsv.Current with { Extras = null } != p with { Extras = null })
                        Note($"{p.Timestamp:yyyy-MM-dd HH:mm} differs");
                    csvHas = await fromCsv.MoveNextAsync();
                }
                else
                {
                    Note($"{p.Timestamp:yyyy-MM-dd HH:mm} only in Parquet");
                }
            }
            while (csvHas)
            {
                Note($"{fromCsv.Current.Timestamp:yyyy-MM-dd HH:mm} only in the CSV");
                csvHas = await fromCsv.MoveNextAsync();
            }
        }
        catch (Exception e) when (e is CorruptCandleFileException or CorruptParquetFileException or IOException or UnauthorizedAccessException)
        {
            return []; // Each format's own report names the unreadable file.
        }
        return count == 0
            ? []
            : [new VerificationFinding(VerificationSeverity.Error, VerificationIssue.FormatsDiffer, count,
                $"{count:N0} minutes that both ledgers cover differ between {symbol}.csv and the Parquet files ({string.Join("; ", differences)}{(count > differences.Count ? "; ..." : "")}).")];

        void Note(string what)
        {
            count++;
            if (differences.Count < 3)
                differences.Add(what);
        }
    }

    private static VerificationFinding Info(VerificationIssue issue, long count, string detail) =>
        new(VerificationSeverity.Info, issue, count, detail);
}
