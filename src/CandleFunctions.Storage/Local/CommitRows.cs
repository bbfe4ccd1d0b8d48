using CandleFunctions.Core.Candles;
using CandleFunctions.Storage.Csv;

namespace CandleFunctions.Storage.Local;

/// <summary>The rows of one commit: candles, or text rows carried from the archive; written alike.</summary>
internal sealed class CommitRows
{
    private readonly IReadOnlyList<Candle>? _candles;
    private readonly IReadOnlyList<CandleTextRows>? _text;

    private CommitRows(IReadOnlyList<Candle>? candles, IReadOnlyList<CandleTextRows>? text)
    {
        _candles = candles;
        _text = text;
        Count = candles?.Count ?? text!.Sum(t => t.Count);
        First = candles is { Count: > 0 } ? candles[0].Timestamp : text?.FirstOrDefault(t => t.Count > 0)?.Timestamp(0);
    }

    public int Count { get; }

    /// <summary>The first row's open time; null without rows.</summary>
    public DateTimeOffset? First { get; }

    public static CommitRows Of(IReadOnlyList<Candle> candles) => new(candles, null);

    public static CommitRows Of(IReadOnlyList<CandleTextRows> text) => new(null, text);

    /// <summary>Writes every row in our layout, each ending in '\n'.</summary>
    public async Task WriteAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (_text is not null)
        {
            CandleCsv.WriteRows(stream, _text, cancellationToken);
            return;
        }
        // 16 K chars: a 64 K-char buffer is a large-object allocation per commit.
        await using var writer = new StreamWriter(stream, CandleCsv.Encoding, 1 << 14, leaveOpen: true);
        await CandleCsv.WriteRowsAsync(writer, _candles!, cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>The rows as candles, for a merge with stored rows (text rows parse back to the values they carry).</summary>
    public IReadOnlyList<Candle> ToCandles(string symbol)
    {
        if (_candles is not null)
            return _candles;
        var candles = new List<Candle>(Count);
        foreach (var rows in _text!)
        {
            for (var i = 0; i < rows.Count; i++)
                candles.Add(rows.ToCandle(i, symbol));
        }
        return candles;
    }
}
