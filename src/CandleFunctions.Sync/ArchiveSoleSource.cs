using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Sync;

/// <summary>
/// Planning for a symbol only the archive still has (exchangeInfo no longer lists it), shared by the CLI and the
/// Functions app: what the archive ever published, and which files cover the missing ranges. Pure.
/// </summary>
public static class ArchiveSoleSource
{
    /// <summary>From the first published period's start to the last one's end, or null when nothing is published.</summary>
    public static UtcRange? Span(IReadOnlySet<DateOnly> months, IReadOnlySet<DateOnly> days)
    {
        ArgumentNullException.ThrowIfNull(months);
        ArgumentNullException.ThrowIfNull(days);
        if (months.Count == 0 && days.Count == 0)
            return null;
        var end = new[] { months.Count > 0 ? months.Max().AddMonths(1) : DateOnly.MinValue, days.Count > 0 ? days.Max().AddDays(1) : DateOnly.MinValue }.Max();
        return new UtcRange(Midnight(months.Concat(days).Min()), Midnight(end));
    }

    /// <summary>
    /// Every piece of <paramref name="missing"/> from the monthly file that contains it, or else the daily file; the
    /// parser drops rows outside each piece. Pieces with neither file are returned as gaps.
    /// </summary>
    public static (IReadOnlyList<ArchiveJob> Jobs, CoverageSet Gaps) Plan(
        string symbol, CoverageSet missing, IReadOnlySet<DateOnly> months, IReadOnlySet<DateOnly> days)
    {
        ArgumentNullException.ThrowIfNull(missing);
        ArgumentNullException.ThrowIfNull(months);
        ArgumentNullException.ThrowIfNull(days);
        var jobs = new List<ArchiveJob>();
        var gaps = new List<UtcRange>();
        foreach (var range in missing.Ranges)
        {
            for (var month = new DateTime(range.Start.Year, range.Start.Month, 1, 0, 0, 0, DateTimeKind.Utc); month < range.End.UtcDateTime; month = month.AddMonths(1))
            {
                if (Piece(month, month.AddMonths(1), range) is not { } monthPiece)
                    continue;
                if (months.Contains(DateOnly.FromDateTime(month)))
                {
                    jobs.Add(new ArchiveJob(symbol, ArchiveGranularity.Monthly, DateOnly.FromDateTime(month), monthPiece));
                    continue;
                }
                for (var day = monthPiece.Start.UtcDateTime.Date; day < monthPiece.End.UtcDateTime; day = day.AddDays(1))
                {
                    if (Piece(day, day.AddDays(1), monthPiece) is not { } dayPiece)
                        continue;
                    if (days.Contains(DateOnly.FromDateTime(day)))
                        jobs.Add(new ArchiveJob(symbol, ArchiveGranularity.Daily, DateOnly.FromDateTime(day), dayPiece));
                    else
                        gaps.Add(dayPiece);
                }
            }
        }
        return (jobs, CoverageSet.Of(gaps));
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static UtcRange? Piece(DateTime from, DateTime to, UtcRange range) =>
        new UtcRange(new DateTimeOffset(from, TimeSpan.Zero), new DateTimeOffset(to, TimeSpan.Zero)).Intersect(range);
}
