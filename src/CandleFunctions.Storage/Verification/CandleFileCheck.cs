using System.Globalization;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Local;

namespace CandleFunctions.Storage.Verification;

/// <summary>
/// Checks one symbol's rows, fed in file order, against the rules of a candle file: ascending, unique, sane prices,
/// and (with a ledger) every candle inside the ledger's coverage. Pure: no I/O, no clock; memory grows with the gaps.
/// </summary>
public sealed class CandleFileCheck
{
    private const int MaxExamples = 3;

    private readonly CoverageSet? _ledger;
    private readonly MinuteRangeBuilder _minutes = new();
    private readonly Dictionary<VerificationIssue, Tally> _tallies = [];
    private DateTimeOffset? _latest;
    private int _range;

    /// <summary>Starts a check; <paramref name="ledger"/> is null for a file without a (readable) ledger.</summary>
    public CandleFileCheck(CoverageSet? ledger) => _ledger = ledger;

    /// <summary>Rows that parsed as candles.</summary>
    public long Candles { get; private set; }

    /// <summary>The earliest candle seen.</summary>
    public DateTimeOffset? First { get; private set; }

    /// <summary>The latest candle seen.</summary>
    public DateTimeOffset? Last => _latest;

    /// <summary>Checks the candle parsed from line <paramref name="line"/>.</summary>
    public void Row(long line, Candle candle)
    {
        ArgumentNullException.ThrowIfNull(candle);
        Candles++;
        var at = candle.Timestamp;
        if (First is null || at < First)
            First = at;
        var inOrder = _latest is not { } latest || at > latest;
        if (!inOrder)
        {
            var issue = at == _latest ? VerificationIssue.Duplicate : VerificationIssue.OutOfOrder;
            Note(issue, line, issue == VerificationIssue.Duplicate ? $"{Text(at)} again" : $"{Text(at)} after {Text(_latest!.Value)}");
        }
        else
        {
            _latest = at;
            _minutes.Add(at);
        }
        if (candle.Low > candle.Open || candle.Low > candle.Close || candle.High < candle.Open || candle.High < candle.Close)
            Note(VerificationIssue.ImpossiblePrices, line, $"{Text(at)} open {candle.Open} high {candle.High} low {candle.Low} close {candle.Close}");
        if (candle.Volume < 0)
            Note(VerificationIssue.NegativeVolume, line, $"{Text(at)} volume {candle.Volume}");
        if (_ledger is not null && !(inOrder ? CoveredAhead(at) : _ledger.Contains(at)))
            Note(VerificationIssue.OutsideCoverage, line, Text(at));
    }

    /// <summary>Records a line that is not a candle.</summary>
    public void BadRow(long line, string reason) => Note(VerificationIssue.BadRow, line, reason);

    /// <summary>Records an unterminated last line an interrupted write left, which the next sync drops.</summary>
    public void PartialLastRow(long line, string reason) => Note(VerificationIssue.PartialLastRow, line, reason);

    /// <summary>Everything found, errors first, including the minutes between the first and last candle not yet synced.</summary>
    public IReadOnlyList<VerificationFinding> Finish()
    {
        var findings = _tallies.OrderBy(t => t.Key).Select(t => Finding(t.Key, t.Value)).ToList();
        if (First is { } first && _latest is { } last)
        {
            var covered = _ledger ?? _minutes.Build();
            var open = CoverageSet.Of(new UtcRange(first, last + MinuteTime.OneMinute)).Subtract(covered);
            if (!open.IsEmpty)
            {
                var shown = string.Join(", ", open.Ranges.Take(MaxExamples).Select(r => r.ToString()));
                var more = open.Ranges.Length > MaxExamples ? $" and {open.Ranges.Length - MaxExamples} more" : "";
                findings.Add(new VerificationFinding(
                    VerificationSeverity.Info,
                    VerificationIssue.NotYetSynced,
                    (long)open.Duration.TotalMinutes,
                    $"{open.Duration.TotalMinutes:N0} minutes between the first and the last candle are not yet synced: {shown}{more}. "
                    + "'candles sync' over them fetches them, or records that the exchange has none."));
            }
        }
        return findings.OrderByDescending(f => f.Severity).ToList();
    }

    // Rows in order meet the ledger's ranges in order, so a cursor finds each in constant time.
    private bool CoveredAhead(DateTimeOffset at)
    {
        var ranges = _ledger!.Ranges;
        while (_range < ranges.Length && ranges[_range].End <= at)
            _range++;
        return _range < ranges.Length && ranges[_range].Contains(at);
    }

    private void Note(VerificationIssue issue, long line, string example)
    {
        if (!_tallies.TryGetValue(issue, out var tally))
            _tallies[issue] = tally = new Tally();
        tally.Count++;
        if (tally.Examples.Count < MaxExamples)
            tally.Examples.Add(string.Create(CultureInfo.InvariantCulture, $"line {line}: {example}"));
    }

    private static VerificationFinding Finding(VerificationIssue issue, Tally tally)
    {
        var (severity, what) = issue switch
        {
            VerificationIssue.BadRow => (VerificationSeverity.Error, "rows are not candles"),
            VerificationIssue.OutOfOrder => (VerificationSeverity.Error, "rows are out of order"),
            VerificationIssue.Duplicate => (VerificationSeverity.Error, "rows repeat the minute before them"),
            VerificationIssue.ImpossiblePrices => (VerificationSeverity.Error, "rows have low above open/close or high below them"),
            VerificationIssue.NegativeVolume => (VerificationSeverity.Error, "rows have a negative volume"),
            VerificationIssue.OutsideCoverage => (VerificationSeverity.Error,
                "candles lie outside the ledger's coverage (written by hand, or by a sync that was stopped before it recorded them)"),
            VerificationIssue.PartialLastRow => (VerificationSeverity.Info, "unterminated last row was left by an interrupted write; the next sync drops it"),
            _ => (VerificationSeverity.Error, issue.ToString()),
        };
        var examples = string.Join("; ", tally.Examples) + (tally.Count > tally.Examples.Count ? "; ..." : "");
        return new VerificationFinding(severity, issue, tally.Count, $"{tally.Count:N0} {what} ({examples}).");
    }

    private static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private sealed class Tally
    {
        public long Count { get; set; }

        public List<string> Examples { get; } = [];
    }
}
