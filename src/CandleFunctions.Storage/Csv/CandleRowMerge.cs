using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Local;

namespace CandleFunctions.Storage.Csv;

/// <summary>Writes a candle file that merges stored rows with new candles; shared by the local folder and blobs so both hold the same bytes.</summary>
internal static class CandleRowMerge
{
    /// <summary>
    /// Writes the header, then the stored rows and <paramref name="candles"/> in order, keeping the stored row where
    /// both have a minute; returns how many candles were added and the minutes the stored rows cover.
    /// </summary>
    public static async Task<(long Added, CoverageSet StoredMinutes)> WriteAsync(
        TextWriter writer,
        IAsyncEnumerable<Candle> stored,
        IReadOnlyList<Candle> candles,
        CancellationToken cancellationToken)
    {
        await writer.WriteAsync(CandleCsv.Header + "\n");
        var minutes = new MinuteRangeBuilder();
        var next = 0;
        long added = 0;
        await foreach (var row in stored.WithCancellation(cancellationToken))
        {
            for (; next < candles.Count && candles[next].Timestamp < row.Timestamp; next++, added++)
                await WriteRowAsync(writer, candles[next]);
            if (next < candles.Count && candles[next].Timestamp == row.Timestamp)
                next++;
            await WriteRowAsync(writer, row);
            minutes.Add(row.Timestamp);
        }
        for (; next < candles.Count; next++, added++)
            await WriteRowAsync(writer, candles[next]);
        return (added, minutes.Build());
    }

    private static async Task WriteRowAsync(TextWriter writer, Candle candle)
    {
        await writer.WriteAsync(CandleCsv.FormatRow(candle));
        await writer.WriteAsync('\n');
    }
}
