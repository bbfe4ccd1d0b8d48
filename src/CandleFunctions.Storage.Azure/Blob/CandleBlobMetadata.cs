using System.Globalization;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Storage.Azure.Blob;

/// <summary>
/// What our commits record on a candle blob: that it is in our exact layout (so rows can be appended as blocks) and a
/// summary of its candles (so loading needs no download). A blob without it (uploaded by hand) is read in full.
/// </summary>
internal sealed record CandleBlobMetadata(long Count, DateTimeOffset? First, DateTimeOffset? Last)
{
    private const string FormatKey = "candlesformat";
    private const string CountKey = "candlescount";
    private const string FirstKey = "candlesfirst";
    private const string LastKey = "candleslast";
    private const string FormatValue = "1";
    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ssZ";

    /// <summary>The metadata of a blob holding exactly <paramref name="candles"/>.</summary>
    public static CandleBlobMetadata Of(IReadOnlyList<Candle> candles) =>
        candles.Count == 0 ? new(0, null, null) : new(candles.Count, candles[0].Timestamp, candles[^1].Timestamp);

    /// <summary>Reads our metadata; null when the blob has none or it is unreadable.</summary>
    public static CandleBlobMetadata? From(IDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(FormatKey, out var format) || format != FormatValue)
            return null;
        if (!metadata.TryGetValue(CountKey, out var countText) || !long.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            return null;
        if (!TryTime(metadata, FirstKey, out var first) || !TryTime(metadata, LastKey, out var last) || (count > 0) != (first is not null && last is not null))
            return null;
        return new CandleBlobMetadata(count, first, last);
    }

    /// <summary>The metadata after appending <paramref name="candles"/>, which follow every stored one.</summary>
    public CandleBlobMetadata Append(IReadOnlyList<Candle> candles) =>
        candles.Count == 0 ? this : new(Count + candles.Count, First ?? candles[0].Timestamp, candles[^1].Timestamp);

    /// <summary>The blob metadata to commit.</summary>
    public Dictionary<string, string> ToDictionary()
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [FormatKey] = FormatValue,
            [CountKey] = Count.ToString(CultureInfo.InvariantCulture),
        };
        if (First is { } first)
            metadata[FirstKey] = first.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
        if (Last is { } last)
            metadata[LastKey] = last.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
        return metadata;
    }

    private static bool TryTime(IDictionary<string, string> metadata, string key, out DateTimeOffset? time)
    {
        time = null;
        if (!metadata.TryGetValue(key, out var text))
            return true;
        if (!DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            return false;
        time = parsed.ToUniversalTime();
        return true;
    }
}
