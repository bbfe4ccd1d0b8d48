using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Verification;

namespace CandleFunctions.Storage.Tests.Verification;

public sealed class CandleFileCheckTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ascending_sane_candles_inside_the_ledger_give_no_findings()
    {
        var check = Feed(Ledger(0, 10), 0, 1, 2, 3);

        Assert.Empty(check.Finish());
        Assert.Equal(4, check.Candles);
        Assert.Equal(At(0), check.First);
        Assert.Equal(At(3), check.Last);
    }

    [Fact]
    public void Minutes_the_ledger_covers_without_candles_are_not_reported()
    {
        // Before listing, outages, after delisting: the ledger covers them and the exchange has no candle.
        Assert.Empty(Feed(Ledger(0, 100), 10, 11, 50, 51).Finish());
    }

    [Fact]
    public void A_repeated_minute_is_one_duplicate_error()
    {
        var finding = Assert.Single(Feed(Ledger(0, 10), 0, 1, 1, 2).Finish());

        Assert.Equal((VerificationSeverity.Error, VerificationIssue.Duplicate, 1L), (finding.Severity, finding.Issue, finding.Count));
        Assert.Contains("line 4: 2026-01-01 00:01:00 again", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void One_misplaced_row_is_one_out_of_order_error_not_a_cascade()
    {
        var finding = Assert.Single(Feed(Ledger(0, 10), 0, 5, 1, 6, 7).Finish());

        Assert.Equal((VerificationIssue.OutOfOrder, 1L), (finding.Issue, finding.Count));
    }

    [Theory]
    [InlineData(1, 2, 1.5, 1.2, 1)] // low above open
    [InlineData(1, 2, 0.5, 2.5, 1)] // close above high
    [InlineData(3, 2, 0.5, 1, 1)]   // open above high
    [InlineData(1, 2, 1.1, 1.5, 1)] // low above open, below close
    public void Prices_outside_low_and_high_are_an_error(decimal open, decimal high, decimal low, decimal close, decimal volume)
    {
        var check = new CandleFileCheck(Ledger(0, 10));
        check.Row(2, new Candle("X", At(0), open, high, low, close, volume));

        Assert.Equal(VerificationIssue.ImpossiblePrices, Assert.Single(check.Finish()).Issue);
    }

    [Fact]
    public void A_flat_candle_is_sane()
    {
        var check = new CandleFileCheck(Ledger(0, 10));
        check.Row(2, new Candle("X", At(0), 1, 1, 1, 1, 0));

        Assert.Empty(check.Finish());
    }

    [Fact]
    public void A_negative_volume_is_an_error()
    {
        var check = new CandleFileCheck(Ledger(0, 10));
        check.Row(2, new Candle("X", At(0), 1, 2, 0.5m, 1, -0.001m));

        Assert.Equal(VerificationIssue.NegativeVolume, Assert.Single(check.Finish()).Issue);
    }

    [Fact]
    public void Candles_outside_the_ledger_are_errors_counted_each()
    {
        var findings = Feed(CoverageSet.Of(Range(0, 3), Range(5, 10)), 0, 1, 2, 3, 4, 5).Finish();

        var error = Assert.Single(findings, f => f.Severity == VerificationSeverity.Error);
        Assert.Equal((VerificationIssue.OutsideCoverage, 2L), (error.Issue, error.Count));
    }

    [Fact]
    public void Uncovered_minutes_between_the_first_and_last_candle_are_info_not_yet_synced()
    {
        var finding = Assert.Single(Feed(CoverageSet.Of(Range(0, 10), Range(20, 30)), 0, 29).Finish());

        Assert.Equal((VerificationSeverity.Info, VerificationIssue.NotYetSynced, 10L), (finding.Severity, finding.Issue, finding.Count));
        Assert.Contains("[2026-01-01 00:10:00, 2026-01-01 00:20:00)", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_ledger_every_candle_is_trusted_and_the_gaps_between_them_are_not_yet_synced()
    {
        var finding = Assert.Single(Feed(null, 0, 1, 5, 6).Finish());

        Assert.Equal((VerificationIssue.NotYetSynced, 3L), (finding.Issue, finding.Count));
    }

    [Fact]
    public void Bad_rows_are_errors_and_a_partial_last_row_is_info()
    {
        var check = Feed(Ledger(0, 10), 0);
        check.BadRow(3, "open 'x' is not a number");
        check.PartialLastRow(4, "expected 6 fields, found 2");

        var findings = check.Finish();

        Assert.Equal([VerificationIssue.BadRow, VerificationIssue.PartialLastRow], findings.Select(f => f.Issue));
        Assert.Equal([VerificationSeverity.Error, VerificationSeverity.Info], findings.Select(f => f.Severity));
    }

    [Fact]
    public void Examples_stop_at_three_but_the_count_is_exact()
    {
        var check = new CandleFileCheck(Ledger(0, 10));
        for (var line = 2; line < 12; line++)
            check.BadRow(line, "junk");

        var finding = Assert.Single(check.Finish());

        Assert.Equal(10, finding.Count);
        Assert.Equal("10 rows are not candles (line 2: junk; line 3: junk; line 4: junk; ...).", finding.Detail);
    }

    private static CandleFileCheck Feed(CoverageSet? ledger, params int[] minutes)
    {
        var check = new CandleFileCheck(ledger);
        var line = 2;
        foreach (var m in minutes)
            check.Row(line++, new Candle("X", At(m), 1, 2, 0.5m, 1.5m, 10));
        return check;
    }

    private static CoverageSet Ledger(int from, int to) => CoverageSet.Of(Range(from, to));

    private static UtcRange Range(int from, int to) => new(At(from), At(to));

    private static DateTimeOffset At(int minute) => T0.AddMinutes(minute);
}
