using BinanceSimulator.Market;
using CandleFunctions.Core.Candles;

namespace BinanceSimulator.Archive;

/// <summary>
/// Which archive files exist at a given "now" and what each one holds; pure and deterministic, so a
/// file's bytes never depend on when it is asked for.
/// </summary>
public sealed class ArchiveCatalog
{
    /// <summary>The header row of files generated from mid-2022 on.</summary>
    public const string Header = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore";

    private readonly SimulatedMarket _market;
    private readonly ArchiveOptions _options;

    public ArchiveCatalog(SimulatedMarket market, ArchiveOptions options)
    {
        _market = market;
        _options = options;
    }

    /// <summary>Symbols that have an archive folder at all, whether or not any file is published yet.</summary>
    public IEnumerable<SimSymbol> ArchivedSymbols => _market.Symbols.Where(s => ArchiveLife(s) is not null);

    /// <summary>When <paramref name="file"/> appears: the end of its period plus the publication lag.</summary>
    public DateTimeOffset PublishedAt(ArchiveFile file) =>
        ArchivePeriod.StartOfDay(file.Period.End) +
        (file.Period.Kind == ArchivePeriodKind.Daily ? _options.DailyLag : _options.MonthlyLag);

    /// <summary>True when the file is downloadable at <paramref name="now"/>.</summary>
    public bool Exists(ArchiveFile file, DateTimeOffset now) =>
        _market.Find(file.Symbol) is { } symbol &&
        ArchiveLife(symbol) is { } life &&
        file.Period.Range.Overlaps(life) &&
        PublishedAt(file) <= now &&
        !(file.Period.Kind == ArchivePeriodKind.Daily && IsMissingDay(file.Symbol, file.Period.Start));

    /// <summary>The files of one symbol and kind that exist at <paramref name="now"/>, oldest first.</summary>
    public IEnumerable<ArchiveFile> Files(SimSymbol symbol, ArchivePeriodKind kind, DateTimeOffset now)
    {
        if (ArchiveLife(symbol) is not { } life)
            yield break;
        var period = ArchivePeriod.Containing(kind, DateOnly.FromDateTime(life.Start.UtcDateTime));
        while (period.Range.Start < life.End)
        {
            var file = new ArchiveFile(symbol.Symbol, period);
            if (PublishedAt(file) > now)
                yield break;
            if (!(kind == ArchivePeriodKind.Daily && IsMissingDay(symbol.Symbol, period.Start)))
                yield return file;
            period = period.Next();
        }
    }

    public bool HasHeader(ArchiveFile file) => file.Period.Start >= _options.HeaderFrom;

    public bool HasChecksumMismatch(ArchiveFile file) => _options.ChecksumMismatches.Any(s => s.Matches(file));

    public bool IsTruncated(ArchiveFile file) => _options.TruncatedZips.Any(s => s.Matches(file));

    public bool UsesMicroseconds(ArchiveFile file) => _options.MicrosecondFiles.Any(s => s.Matches(file));

    /// <summary>The candles the file holds: closed traded candles of its period, less configured missing days.</summary>
    public IEnumerable<SimCandle> Candles(ArchiveFile file)
    {
        if (_market.Find(file.Symbol) is not { } symbol || ArchiveLife(symbol) is not { } life || file.Period.Range.Intersect(life) is not { } range)
            return [];
        // "now" is the period's end, so the content is the same whenever the file is generated.
        var candles = _market.ClosedTradedCandles(file.Symbol, range, range.End);
        var missing = _options.MissingDays
            .Where(m => m.Matches(file.Symbol, m.Day) && m.Day >= file.Period.Start && m.Day < file.Period.End)
            .Select(m => ArchivePeriod.Daily(m.Day).Range)
            .ToList();
        return missing.Count == 0
            ? candles
            : candles.Where(c => !missing.Exists(day => day.Contains(DateTimeOffset.FromUnixTimeMilliseconds(c.OpenTime))));
    }

    /// <summary>The CSV lines of the file, header first when the file's date calls for one.</summary>
    public IEnumerable<string> CsvLines(ArchiveFile file)
    {
        if (HasHeader(file))
            yield return Header;
        var micro = UsesMicroseconds(file);
        foreach (var candle in Candles(file))
        {
            yield return micro
                ? (candle with { OpenTime = candle.OpenTime * 1000, CloseTime = candle.CloseTime * 1000 + 999 }).ToArchiveCsvRow()
                : candle.ToArchiveCsvRow();
        }
    }

    /// <summary>The part of a symbol's life the archive covers, or null when it has no archive at all.</summary>
    private UtcRange? ArchiveLife(SimSymbol symbol)
    {
        if (!symbol.InArchive || !symbol.HasCandles)
            return null;
        var start = symbol.FirstCandle;
        if (_options.EarliestDay is { } earliest && ArchivePeriod.StartOfDay(earliest) > start)
            start = ArchivePeriod.StartOfDay(earliest);
        var end = symbol.DelistedAt ?? DateTimeOffset.MaxValue;
        return end > start ? new UtcRange(start, end) : null;
    }

    private bool IsMissingDay(string symbol, DateOnly day) => _options.MissingDays.Any(m => m.Matches(symbol, day));
}
