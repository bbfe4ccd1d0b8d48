using System.Text;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Csv;
using CandleFunctions.Storage.Ledger;
using CandleFunctions.Storage.Symbols;

namespace CandleFunctions.Storage.Verification;

/// <summary>Verifies every <c>SYMBOL.csv</c> of a data folder against its ledger with <see cref="CandleFileCheck"/>; reads, never writes.</summary>
public static class CandleFolderVerifier
{
    private const string CsvSuffix = ".csv";
    private const string LedgerSuffix = ".ledger.json";

    /// <summary>One report per symbol that has a CSV or a ledger in <paramref name="dataDirectory"/>, in name order.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static async Task<IReadOnlyList<SymbolVerification>> VerifyAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(dataDirectory);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The data folder '{dataDirectory}' does not exist.");
        var names = Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>().ToList();
        // Other CSVs (the symbols file, notes) are not candle files: only valid symbol names are.
        var symbols = names
            .Select(n => n.EndsWith(LedgerSuffix, StringComparison.Ordinal) ? n[..^LedgerSuffix.Length]
                : n.EndsWith(CsvSuffix, StringComparison.Ordinal) ? n[..^CsvSuffix.Length] : null)
            .Where(SymbolName.IsValid)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var reports = new List<SymbolVerification>(symbols.Count);
        foreach (var symbol in symbols)
        {
            var temps = names.Count(n => n.EndsWith(".tmp", StringComparison.Ordinal)
                && (n.StartsWith(symbol + CsvSuffix + ".", StringComparison.Ordinal) || n.StartsWith(symbol + LedgerSuffix + ".", StringComparison.Ordinal)));
            reports.Add(await VerifySymbolAsync(folder, symbol!, temps, cancellationToken));
        }
        return reports;
    }

    private static async Task<SymbolVerification> VerifySymbolAsync(string folder, string symbol, int temps, CancellationToken cancellationToken)
    {
        var extra = new List<VerificationFinding>();
        if (temps > 0)
            extra.Add(Info(VerificationIssue.LeftoverTempFile, temps, $"{temps} temp file(s) of an interrupted write are left; they are never read, and the next write removes them."));
        var ledgerPath = Path.Combine(folder, symbol + LedgerSuffix);
        CoverageSet? ledger = null;
        if (File.Exists(ledgerPath))
        {
            try
            {
                ledger = CoverageLedger.Parse(await File.ReadAllTextAsync(ledgerPath, cancellationToken), ledgerPath, symbol);
            }
            catch (Exception e) when (e is CorruptLedgerException or IOException or UnauthorizedAccessException)
            {
                extra.Add(new VerificationFinding(VerificationSeverity.Error, VerificationIssue.UnreadableLedger, 1, e.Message));
            }
        }
        var csvPath = Path.Combine(folder, symbol + CsvSuffix);
        if (!File.Exists(csvPath))
        {
            if (ledger is not null)
                extra.Add(Info(VerificationIssue.LedgerWithoutData, 1, $"{ledgerPath} has no {symbol}.csv beside it; the next sync ignores it and starts the symbol over."));
            return new SymbolVerification(symbol, 0, null, null, ledger is not null, Sorted(extra));
        }

        var check = new CandleFileCheck(ledger);
        try
        {
            await ReadRowsAsync(csvPath, symbol, ledger, check, cancellationToken);
        }
        catch (Exception e) when (e is CorruptCandleFileException or IOException or UnauthorizedAccessException)
        {
            extra.Add(new VerificationFinding(VerificationSeverity.Error, VerificationIssue.UnreadableFile, 1, e.Message));
        }
        if (ledger is null && check.Candles > 0 && !File.Exists(ledgerPath))
            extra.Add(Info(VerificationIssue.NoLedger, 1, "no ledger: the next sync compares the rows with the exchange, repairs them and records their coverage (verify --deep shows what it would find)."));
        return new SymbolVerification(symbol, check.Candles, check.First, check.Last, ledger is not null, Sorted(check.Finish().Concat(extra)));
    }

    private static async Task ReadRowsAsync(string path, string symbol, CoverageSet? ledger, CandleFileCheck check, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        var terminated = stream.Length == 0 || EndsWithNewline(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        var header = await reader.ReadLineAsync(cancellationToken);
        if (header is null)
            return;
        var layout = CandleCsv.ParseHeaderLine(header.TrimEnd('\r'), path);
        long number = 1;
        (long Number, string Text)? pending = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (pending is { } previous)
                Check(previous.Number, previous.Text, last: false);
            pending = line.Length == 0 || line == "\r" ? null : (number, line);
        }
        if (pending is { } final)
            Check(final.Number, final.Text, last: !terminated);

        void Check(long at, string text, bool last)
        {
            var parsed = CandleCsv.TryParseLine(layout, text.TrimEnd('\r'), symbol, out var candle, out var reason);
            // Mirrors the store: an unterminated last row is in flight unless it is complete and (with a ledger) covered.
            if (last && !parsed)
                check.PartialLastRow(at, reason);
            else if (last && ledger is not null && !ledger.Contains(candle.Timestamp))
                check.PartialLastRow(at, $"complete but not yet covered by the ledger");
            else if (parsed)
                check.Row(at, candle);
            else
                check.BadRow(at, reason);
        }
    }

    private static bool EndsWithNewline(FileStream stream)
    {
        stream.Seek(-1, SeekOrigin.End);
        var last = stream.ReadByte();
        stream.Seek(0, SeekOrigin.Begin);
        return last == '\n';
    }

    private static VerificationFinding Info(VerificationIssue issue, long count, string detail) =>
        new(VerificationSeverity.Info, issue, count, detail);

    private static List<VerificationFinding> Sorted(IEnumerable<VerificationFinding> findings) =>
        findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Issue).ToList();
}
