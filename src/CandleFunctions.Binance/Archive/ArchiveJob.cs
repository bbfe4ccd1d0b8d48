using System.Globalization;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Binance.Archive;

/// <summary>One archive file to fetch: a symbol's month or day, and the part of it wanted (normally all of it).</summary>
public sealed record ArchiveJob(string Symbol, ArchiveGranularity Granularity, DateOnly PeriodStart, UtcRange Range)
{
    /// <summary>The part of the file's period wanted; validated to lie inside it.</summary>
    public UtcRange Range { get; init; } = Checked(Symbol, Granularity, PeriodStart, Range);

    /// <summary>The file's whole period as a UTC range.</summary>
    public UtcRange Period => PeriodOf(Granularity, PeriodStart);

    /// <summary>Period label as file names spell it: <c>2021-01</c> or <c>2021-01-05</c>.</summary>
    public string Label => PeriodStart.ToString(Granularity == ArchiveGranularity.Monthly ? "yyyy-MM" : "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The zip's name, e.g. <c>BTCUSDT-1m-2021-01.zip</c>.</summary>
    public string FileName => $"{Symbol}-1m-{Label}.zip";

    /// <summary>Name of the CSV inside the zip.</summary>
    public string CsvName => $"{Symbol}-1m-{Label}.csv";

    /// <summary>The zip's path relative to the archive's base URL.</summary>
    public string ZipPath => $"{Directory(Granularity, Symbol)}{FileName}";

    /// <summary>The checksum file's path relative to the archive's base URL.</summary>
    public string ChecksumPath => ZipPath + ".CHECKSUM";

    /// <summary><see cref="ZipPath"/> percent-encoded for a URL (<c>币安人生USDT</c> becomes <c>%E5%B8%81...</c>).</summary>
    public string ZipUrlPath => ArchiveSymbol.UrlPath(ZipPath);

    /// <summary><see cref="ChecksumPath"/> percent-encoded for a URL.</summary>
    public string ChecksumUrlPath => ArchiveSymbol.UrlPath(ChecksumPath);

    /// <summary>The job for a whole calendar month.</summary>
    public static ArchiveJob Monthly(string symbol, int year, int month)
    {
        var start = new DateOnly(year, month, 1);
        return new(symbol, ArchiveGranularity.Monthly, start, new UtcRange(ArchiveDates.StartOf(start), ArchiveDates.StartOf(start.AddMonths(1))));
    }

    /// <summary>The job for a whole UTC day.</summary>
    public static ArchiveJob Daily(string symbol, DateOnly day) =>
        new(symbol, ArchiveGranularity.Daily, day, new UtcRange(ArchiveDates.StartOf(day), ArchiveDates.StartOf(day.AddDays(1))));

    /// <summary>Bucket folder of one symbol's files of one granularity, with a trailing slash.</summary>
    public static string Directory(ArchiveGranularity granularity, string symbol) =>
        $"data/futures/um/{(granularity == ArchiveGranularity.Monthly ? "monthly" : "daily")}/klines/{symbol}/1m/";

    public override string ToString() => $"{Symbol} {Granularity.ToString().ToLowerInvariant()} {Label}";

    private static UtcRange PeriodOf(ArchiveGranularity granularity, DateOnly start)
    {
        var end = granularity == ArchiveGranularity.Monthly ? start.AddMonths(1) : start.AddDays(1);
        return new UtcRange(ArchiveDates.StartOf(start), ArchiveDates.StartOf(end));
    }

    private static UtcRange Checked(string symbol, ArchiveGranularity granularity, DateOnly start, UtcRange range)
    {
        ArchiveSymbol.Checked(symbol);
        if (granularity == ArchiveGranularity.Monthly && start.Day != 1)
            throw new ArgumentException($"A monthly archive job starts on the first of a month, not {start:yyyy-MM-dd}.", nameof(start));
        var period = PeriodOf(granularity, start);
        if (range.Intersect(period) != range)
            throw new ArgumentException($"Job range {range} lies outside the file's period {period}.", nameof(range));
        return range;
    }
}
