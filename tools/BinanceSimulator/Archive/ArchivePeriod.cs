using System.Globalization;
using CandleFunctions.Core.Candles;

namespace BinanceSimulator.Archive;

/// <summary>The UTC day or month one archive file covers.</summary>
public readonly record struct ArchivePeriod
{
    private const string DayFormat = "yyyy-MM-dd";
    private const string MonthFormat = "yyyy-MM";

    public ArchivePeriod(ArchivePeriodKind kind, DateOnly start)
    {
        if (kind == ArchivePeriodKind.Monthly && start.Day != 1)
            throw new ArgumentException($"A monthly period starts on the first of a month, not {start:yyyy-MM-dd}.", nameof(start));
        Kind = kind;
        Start = start;
    }

    public ArchivePeriodKind Kind { get; }

    /// <summary>First day of the period.</summary>
    public DateOnly Start { get; }

    /// <summary>First day after the period.</summary>
    public DateOnly End => Kind == ArchivePeriodKind.Daily ? Start.AddDays(1) : Start.AddMonths(1);

    /// <summary>The period as file names spell it: <c>2021-01</c> or <c>2021-01-05</c>.</summary>
    public string Label => Start.ToString(Kind == ArchivePeriodKind.Daily ? DayFormat : MonthFormat, CultureInfo.InvariantCulture);

    /// <summary>The path segment of this kind: <c>daily</c> or <c>monthly</c>.</summary>
    public string KindSegment => SegmentOf(Kind);

    public UtcRange Range => new(StartOfDay(Start), StartOfDay(End));

    public static ArchivePeriod Daily(DateOnly day) => new(ArchivePeriodKind.Daily, day);

    public static ArchivePeriod Monthly(int year, int month) => new(ArchivePeriodKind.Monthly, new DateOnly(year, month, 1));

    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="day"/>.</summary>
    public static ArchivePeriod Containing(ArchivePeriodKind kind, DateOnly day) =>
        kind == ArchivePeriodKind.Daily ? Daily(day) : Monthly(day.Year, day.Month);

    public ArchivePeriod Next() => new(Kind, End);

    public static string SegmentOf(ArchivePeriodKind kind) => kind == ArchivePeriodKind.Daily ? "daily" : "monthly";

    /// <summary>Parses <c>YYYY-MM</c> as a monthly period and <c>YYYY-MM-DD</c> as a daily one.</summary>
    public static bool TryParse(string? label, out ArchivePeriod period)
    {
        period = default;
        if (label is null)
            return false;
        if (label.Length == DayFormat.Length &&
            DateOnly.TryParseExact(label, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            period = Daily(day);
            return true;
        }
        if (label.Length == MonthFormat.Length &&
            DateOnly.TryParseExact(label + "-01", DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            period = Monthly(month.Year, month.Month);
            return true;
        }
        return false;
    }

    public static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public override string ToString() => $"{KindSegment} {Label}";
}
