using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Binance.Archive;

/// <summary>
/// Splits what a symbol is missing into archive jobs (whole months, else whole days, once published) and
/// a REST remainder (partial days at the edges and the recent tail); pure, time comes as a parameter.
/// </summary>
public sealed class ArchivePlanner
{
    private readonly TimeSpan _dailyLag;
    private readonly TimeSpan _monthlyLag;

    public ArchivePlanner(ArchiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _dailyLag = options.DailyLag;
        _monthlyLag = options.MonthlyLag;
    }

    /// <summary>Plans <paramref name="missing"/> of <paramref name="symbol"/> as seen at <paramref name="now"/>.</summary>
    public ArchivePlan Plan(string symbol, CoverageSet missing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(missing);
        var jobs = new List<ArchiveJob>();
        foreach (var range in missing.Ranges)
        {
            var day = ArchiveDates.CeilingDay(range.Start);
            while (ArchiveDates.StartOf(day.AddDays(1)) <= range.End)
            {
                var monthEnd = ArchiveDates.StartOf(day.AddMonths(1));
                if (day.Day == 1 && monthEnd <= range.End && monthEnd + _monthlyLag <= now)
                {
                    jobs.Add(ArchiveJob.Monthly(symbol, day.Year, day.Month));
                    day = day.AddMonths(1);
                }
                else if (ArchiveDates.StartOf(day.AddDays(1)) + _dailyLag <= now)
                {
                    jobs.Add(ArchiveJob.Daily(symbol, day));
                    day = day.AddDays(1);
                }
                else
                {
                    // Later days are published later still: the rest of this range is REST's.
                    break;
                }
            }
        }
        var archived = CoverageSet.Of(jobs.Select(j => j.Range));
        return new ArchivePlan(jobs, missing.Subtract(archived));
    }
}
