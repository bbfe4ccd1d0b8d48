using System.Globalization;
using CandleFunctions.Core.Adoption;

namespace CandleFunctions.Sync.Input;

/// <summary>
/// Parses <c>--source-tz</c>: an IANA time zone (<c>Australia/Sydney</c>), <c>UTC</c>, or a constant offset
/// (<c>+05:30</c>, <c>UTC-03:00</c>).
/// </summary>
public static class SourceClockArgument
{
    /// <exception cref="InputException">The text names no time zone and no offset.</exception>
    public static SourceClock Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Equals("UTC", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("Z", StringComparison.OrdinalIgnoreCase))
            return SourceClock.Utc;
        var offsetText = trimmed.StartsWith("UTC", StringComparison.OrdinalIgnoreCase) ? trimmed[3..] : trimmed;
        if (offsetText.Length > 1 && offsetText[0] is '+' or '-'
            && TimeSpan.TryParseExact(offsetText[1..], ["hh\\:mm", "hhmm", "hh"], CultureInfo.InvariantCulture, out var offset)
            && offset <= SourceClock.MaxOffset)
            return SourceClock.FixedOffset(offsetText[0] == '-' ? -offset : offset);
        try
        {
            return SourceClock.InZone(TimeZoneInfo.FindSystemTimeZoneById(trimmed));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InputException($"{name} '{text}' is not a time zone (Australia/Sydney), UTC or an offset (+05:30).");
        }
    }

    /// <summary>
    /// The machine's time zones with daylight-saving rules (from /usr/share/zoneinfo on Linux), for finding a file's
    /// clock, most likely first: the machine's own zone (the notebook probably ran here), then the canonical zones of
    /// the tz database's <c>zone1970.tab</c> (Australia/Sydney rather than its alias Australia/NSW), research stations
    /// and <c>Etc/</c> zones last. Read on first use: only a file without a ledger needs them, and reading every
    /// zone's rules costs about 50 ms a run.
    /// </summary>
    public static IReadOnlyList<TimeZoneInfo> SystemZones() =>
        new LazyList<TimeZoneInfo>(() => OrderByLikelihood(TimeZoneInfo.GetSystemTimeZones(), TimeZoneInfo.Local.Id, CanonicalZoneIds()));

    /// <summary>Orders <paramref name="zones"/> (those with daylight-saving rules) as <see cref="SystemZones"/> describes.</summary>
    public static IReadOnlyList<TimeZoneInfo> OrderByLikelihood(IEnumerable<TimeZoneInfo> zones, string localId, IReadOnlyCollection<string> canonical)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(canonical);
        var canonicalSet = canonical as ISet<string> ?? new HashSet<string>(canonical, StringComparer.Ordinal);
        return zones
            .Where(z => z.SupportsDaylightSavingTime)
            .OrderBy(z => z.Id == localId ? 0
                : z.Id.StartsWith("Antarctica/", StringComparison.Ordinal) || z.Id.StartsWith("Etc/", StringComparison.Ordinal) ? 3
                : canonicalSet.Contains(z.Id) ? 1
                : 2)
            .ThenBy(z => z.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static HashSet<string> CanonicalZoneIds()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in new[] { "/usr/share/zoneinfo/zone1970.tab", "/usr/share/zoneinfo/zone.tab" })
        {
            if (!File.Exists(path))
                continue;
            try
            {
                // Columns: country codes, coordinates, zone id, comment; '#' starts a comment line.
                foreach (var line in File.ReadLines(path))
                {
                    if (line.StartsWith('#'))
                        continue;
                    var columns = line.Split('\t');
                    if (columns.Length >= 3)
                        ids.Add(columns[2]);
                }
            }
            catch (IOException)
            {
                // Without the table every zone is as likely as another; the search still finds the rules.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }
            if (ids.Count > 0)
                break;
        }
        return ids;
    }
}

/// <summary>A list built on first use (thread-safe).</summary>
internal sealed class LazyList<T>(Func<IReadOnlyList<T>> build) : IReadOnlyList<T>
{
    private readonly Lazy<IReadOnlyList<T>> _items = new(build, LazyThreadSafetyMode.ExecutionAndPublication);

    public T this[int index] => _items.Value[index];

    public int Count => _items.Value.Count;

    public IEnumerator<T> GetEnumerator() => _items.Value.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
