using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Core.Adoption;

/// <summary>The verdict on one candle file and, unless it is unrecognisable, the file it becomes.</summary>
/// <param name="Verdict">What the comparison found.</param>
/// <param name="Match">The clock the timestamps were read in and how well the sample matched under it.</param>
/// <param name="Candles">The repaired rows, in UTC, ascending, one per minute (empty when unrecognisable).</param>
/// <param name="Trusted">The minutes of <paramref name="Candles"/>: what the ledger may cover.</param>
/// <param name="Repairs">What changed.</param>
/// <param name="Mismatches">A few of the rows that differed from the exchange, for the report.</param>
public sealed record AdoptionPlan(
    AdoptionVerdict Verdict,
    ClockMatch Match,
    IReadOnlyList<Candle> Candles,
    CoverageSet Trusted,
    RepairCounts Repairs,
    IReadOnlyList<string> Mismatches)
{
    // Several zones share the same rules (Sydney, Melbourne, Hobart): the rows cannot tell which one the notebook used.
    private string ClockName => Match.Clock.Zone is null ? Match.Clock.ToString() : $"{Match.Clock} or a zone with the same rules";

    /// <summary>
    /// Verified rows that were the still-open minute although the next minute follows them (not a block's end): any run's
    /// end may hide one, so the rows not verified were not kept.
    /// </summary>
    public long OpenInsideBlocks { get; init; }

    private string OpenNote => (Match.Open > 0 ? $", {Match.Open:N0} more were stored while still open" : "")
        + (OpenInsideBlocks > 0 ? $"; {OpenInsideBlocks:N0} open candle(s) inside a block mean any run may have ended on one, so only verified rows are kept" : "");

    /// <summary>One line for people: the verdict, the clock and the repairs.</summary>
    public string Describe() => Verdict switch
    {
        AdoptionVerdict.Matches => $"verified against the exchange ({Match.Matched:N0} of {Match.Compared:N0} sampled rows match{OpenNote})",
        AdoptionVerdict.LocalTime => $"written in local time ({ClockName}); rewritten in UTC ({Match.Matched:N0} of {Match.Compared:N0} sampled rows match once shifted{OpenNote})",
        AdoptionVerdict.PartlyWrong => $"partly wrong: {Match.Wrong:N0} of {Match.Compared:N0} sampled rows differ from the exchange (clock {Match.Clock}); only verified rows are kept",
        _ => Match.Compared == 0
            ? "unrecognisable: no row could be compared with the exchange's candles; left untouched"
            : $"unrecognisable: at best {Match.Matched:N0} of {Match.Compared:N0} sampled rows match the exchange (clock {Match.Clock}); left untouched",
    };
}
