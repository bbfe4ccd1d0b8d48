using System.Runtime.CompilerServices;
using CandleFunctions.Core.Candles;
using CandleFunctions.Storage.Csv;
using Microsoft.Win32.SafeHandles;

namespace CandleFunctions.Storage.Local;

/// <summary>Streams the candles in the first bytes of an open candle file.</summary>
internal static class CandleFileReader
{
    public static SafeFileHandle Open(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);

    /// <summary>Streams the candles in the first <paramref name="length"/> bytes of the file.</summary>
    public static async IAsyncEnumerable<Candle> ReadAsync(
        SafeFileHandle handle,
        string path,
        string symbol,
        long length,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The handle stays owned by the caller: the stream is not disposed.
        var file = new FileStream(handle, FileAccess.Read, 1 << 16);
        file.Seek(0, SeekOrigin.Begin);
        var bounded = new BoundedReadStream(file, length);
        await foreach (var candle in CandleCsv.ReadAsync(bounded, path, symbol, cancellationToken))
            yield return candle;
    }

    /// <summary>
    /// Counts the candles and collects the minutes they cover, validating every row: a file in our own form straight
    /// from its bytes (<see cref="CandleFileScan"/>), any other through the full reader.
    /// </summary>
    public static async Task<CandleFileSummary> SummarizeAsync(
        SafeFileHandle handle,
        string path,
        string symbol,
        long length,
        CancellationToken cancellationToken)
    {
        return CandleFileScan.TrySummarize(handle, length) ?? await ReadSummaryAsync(handle, path, symbol, length, cancellationToken);
    }

    /// <summary>What <see cref="SummarizeAsync"/> gives, always through the full reader.</summary>
    public static async Task<CandleFileSummary> ReadSummaryAsync(
        SafeFileHandle handle,
        string path,
        string symbol,
        long length,
        CancellationToken cancellationToken)
    {
        var minutes = new MinuteRangeBuilder();
        DateTimeOffset? first = null;
        await foreach (var candle in ReadAsync(handle, path, symbol, length, cancellationToken))
        {
            first ??= candle.Timestamp;
            minutes.Add(candle.Timestamp);
        }
        return new CandleFileSummary(minutes.Build(), first, minutes.Last, minutes.Count);
    }
}
