using System.Globalization;
using System.Xml.Linq;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Binance.Archive;

/// <summary>
/// Discovers which archive files exist for a symbol through the bucket's S3 listing; the only history source
/// for symbols exchangeInfo no longer lists. Thread-safe.
/// </summary>
public sealed class ArchiveListingClient
{
    private readonly HttpClient _http;
    private readonly ArchiveOptions _options;
    private readonly ArchiveResilience _resilience;
    private long _bytes;
    private long _pages;

    public ArchiveListingClient(HttpClient http, ArchiveOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        _resilience = new ArchiveResilience(options, time ?? TimeProvider.System);
    }

    /// <summary>Listing bytes received so far.</summary>
    public long BytesDownloaded => Interlocked.Read(ref _bytes);

    /// <summary>Listing pages requested so far.</summary>
    public long PagesRequested => Interlocked.Read(ref _pages);

    /// <summary>First days of the months that have a monthly zip, ascending.</summary>
    public Task<IReadOnlyList<DateOnly>> ListMonthsAsync(string symbol, CancellationToken cancellationToken = default) =>
        ListPeriodsAsync(symbol, ArchiveGranularity.Monthly, cancellationToken);

    /// <summary>Days that have a daily zip, ascending.</summary>
    public Task<IReadOnlyList<DateOnly>> ListDaysAsync(string symbol, CancellationToken cancellationToken = default) =>
        ListPeriodsAsync(symbol, ArchiveGranularity.Daily, cancellationToken);

    /// <summary>True when the archive holds any daily or monthly 1m file of <paramref name="symbol"/>.</summary>
    public async Task<bool> SymbolExistsAsync(string symbol, CancellationToken cancellationToken = default)
    {
        foreach (var granularity in (ArchiveGranularity[])[ArchiveGranularity.Daily, ArchiveGranularity.Monthly])
        {
            // The folder's trailing slash keeps BTCUSDT from matching BTCUSDT_261225.
            var folder = ArchiveJob.Directory(granularity, CheckedSymbol(symbol))[..^"1m/".Length];
            var page = await GetPageAsync(folder, "", maxKeys: 1, cancellationToken);
            if (page.Keys.Count > 0 || page.CommonPrefixes.Count > 0)
                return true;
        }
        return false;
    }

    /// <summary>
    /// From the start of the first archived period (month or day) to the end of the last, or null when nothing
    /// is archived; for planning a delisted symbol's history.
    /// </summary>
    public async Task<UtcRange?> ArchivedSpanAsync(string symbol, CancellationToken cancellationToken = default)
    {
        var months = await ListMonthsAsync(symbol, cancellationToken);
        var days = await ListDaysAsync(symbol, cancellationToken);
        var starts = months.Concat(days).ToList();
        if (starts.Count == 0)
            return null;
        var ends = months.Select(m => m.AddMonths(1)).Concat(days.Select(d => d.AddDays(1)));
        return new UtcRange(ArchiveDates.StartOf(starts.Min()), ArchiveDates.StartOf(ends.Max()));
    }

    /// <summary>Every key under <paramref name="prefix"/>, following the listing's pages.</summary>
    public async Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var keys = new List<string>();
        var marker = "";
        while (true)
        {
            var page = await GetPageAsync(prefix, marker, maxKeys: null, cancellationToken);
            keys.AddRange(page.Keys);
            if (page.ContinueAfter is not { } next)
                return keys;
            if (string.CompareOrdinal(next, marker) <= 0)
                throw new FormatException($"The archive listing of '{prefix}' did not advance past '{marker}'.");
            marker = next;
        }
    }

    private async Task<IReadOnlyList<DateOnly>> ListPeriodsAsync(string symbol, ArchiveGranularity granularity, CancellationToken cancellationToken)
    {
        var folder = ArchiveJob.Directory(granularity, CheckedSymbol(symbol));
        var head = symbol + "-1m-";
        var format = granularity == ArchiveGranularity.Monthly ? "yyyy-MM" : "yyyy-MM-dd";
        var periods = new SortedSet<DateOnly>();
        foreach (var key in await ListKeysAsync(folder, cancellationToken))
        {
            var name = key[folder.Length..];
            if (!name.StartsWith(head, StringComparison.Ordinal) || !name.EndsWith(".zip", StringComparison.Ordinal))
                continue;
            var label = name[head.Length..^".zip".Length];
            if (DateTime.TryParseExact(label, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                periods.Add(DateOnly.FromDateTime(date));
        }
        return periods.ToList();
    }

    private async Task<S3ListPage> GetPageAsync(string prefix, string marker, int? maxKeys, CancellationToken cancellationToken)
    {
        var query = $"?prefix={Uri.EscapeDataString(prefix)}&delimiter=%2F&marker={Uri.EscapeDataString(marker)}"
            + (maxKeys is { } max ? string.Create(CultureInfo.InvariantCulture, $"&max-keys={max}") : "");
        var url = new Uri(_options.ListingUrl + query);
        return await _resilience.ExecuteAsync(async token =>
        {
            Interlocked.Increment(ref _pages);
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, token);
            if (!response.IsSuccessStatusCode)
                throw new ArchiveHttpException(response.StatusCode, url);
            var body = await response.Content.ReadAsByteArrayAsync(token);
            Interlocked.Add(ref _bytes, body.Length);
            using var stream = new MemoryStream(body);
            return S3ListPage.Parse(await XDocument.LoadAsync(stream, LoadOptions.None, token));
        }, cancellationToken);
    }

    private static string CheckedSymbol(string symbol) => ArchiveSymbol.Checked(symbol);
}
