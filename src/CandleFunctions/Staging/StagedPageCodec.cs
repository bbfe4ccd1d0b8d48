using CandleFunctions.Core.Candles;
using CandleFunctions.Storage.Csv;
using CandleFunctions.Storage.Parquet;

namespace CandleFunctions.Staging;

/// <summary>
/// A staged page's bytes: the Candle fields in a small binary layout by default (<see cref="StagedPageBinary"/>: no
/// text to format when staged or to parse when merged), or, when the Parquet files need every kline field, a Parquet
/// page in the month-file schema. Reading tells them apart by their magic; anything else is read as the CSV rows
/// earlier versions staged, so pages staged before an upgrade or a <c>Format</c> change still merge.
/// </summary>
internal static class StagedPageCodec
{
    private static readonly byte[] s_parquetMagic = "PAR1"u8.ToArray();

    /// <summary>Writes <paramref name="candles"/> (ascending) to <paramref name="output"/>.</summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<Candle> candles, bool keepKlineExtras, CancellationToken cancellationToken)
    {
        if (keepKlineExtras)
        {
            await ParquetCandleFile.WriteAsync(output, candles.Count > 0 ? candles[0].Symbol : "", candles, cancellationToken);
            return;
        }
        await output.WriteAsync(StagedPageBinary.Encode(candles), cancellationToken);
    }

    /// <summary>Reads a page written by <see cref="WriteAsync"/> from a seekable <paramref name="input"/>.</summary>
    public static async Task<IReadOnlyList<Candle>> ReadAsync(Stream input, string name, string symbol, CancellationToken cancellationToken)
    {
        var head = new byte[s_parquetMagic.Length];
        var read = await input.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        input.Position = 0;
        if (read == head.Length && head.AsSpan().SequenceEqual(s_parquetMagic))
            return await ParquetCandleFile.ReadAsync(input, name, symbol, cancellationToken);
        if (read == head.Length && StagedPageBinary.HasMagic(head))
        {
            var bytes = new byte[input.Length];
            await input.ReadExactlyAsync(bytes, cancellationToken);
            return StagedPageBinary.Decode(bytes, name, symbol);
        }
        var candles = new List<Candle>();
        await foreach (var candle in CandleCsv.ReadAsync(input, name, symbol, cancellationToken))
            candles.Add(candle);
        return candles;
    }
}
