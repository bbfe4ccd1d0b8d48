using System.Globalization;
using CandleFunctions.Core.Buffers;

namespace CandleFunctions.Core.Candles;

/// <summary>
/// A batch of one symbol's closed 1-minute candles carried as text: each row's open time and its five values
/// (<c>,open,high,low,close,volume</c>) as UTF-8 exactly as a CSV store writes them, in pooled buffers (<see cref="BulkBuffers{T}"/>), so that a
/// file of candles moves from the archive to the CSV without an object or a <see cref="decimal"/> parse per row.
/// Not thread-safe; dispose returns the buffers.
/// </summary>
public sealed class CandleTextRows : IDisposable
{
    private const int FiveValues = 5;
    private const int BytesPerRow = 46;

    private long[] _times;
    private int[] _ends;
    private byte[] _text;
    private int _textLength;
    private bool _disposed;

    /// <summary>An empty batch with room for about <paramref name="capacity"/> rows before it grows.</summary>
    public CandleTextRows(int capacity = 1024)
    {
        capacity = Math.Max(capacity, 16);
        _times = BulkBuffers<long>.Pool.Rent(capacity);
        _ends = BulkBuffers<int>.Pool.Rent(capacity);
        // A kline's five values are ~40-45 bytes; 46 keeps a 31-day month (44,640 rows) in a 2 MB pooled array.
        _text = BulkBuffers<byte>.Pool.Rent(capacity * BytesPerRow);
    }

    /// <summary>Rows held.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes of value text held (without timestamps and line endings).</summary>
    public long TextBytes => _textLength;

    /// <summary>Open time of row <paramref name="index"/> in Unix milliseconds.</summary>
    public long OpenTimeMs(int index)
    {
        CheckIndex(index);
        return _times[index];
    }

    /// <summary>Open time of row <paramref name="index"/>.</summary>
    public DateTimeOffset Timestamp(int index) => DateTimeOffset.FromUnixTimeMilliseconds(OpenTimeMs(index));

    /// <summary>The values of row <paramref name="index"/> as UTF-8: <c>,open,high,low,close,volume</c>.</summary>
    public ReadOnlySpan<byte> Values(int index)
    {
        CheckIndex(index);
        var start = index == 0 ? 0 : _ends[index - 1];
        return _text.AsSpan(start, _ends[index] - start);
    }

    /// <summary>Every row's open time in Unix milliseconds, in order (for a consumer that walks them all).</summary>
    public ReadOnlySpan<long> OpenTimes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _times.AsSpan(0, Count);
        }
    }

    /// <summary>
    /// Where each row's values end in <see cref="ValueText"/>: row <c>i</c> spans <c>[ValueEnds[i - 1], ValueEnds[i])</c>
    /// (from 0 for the first).
    /// </summary>
    public ReadOnlySpan<int> ValueEnds
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _ends.AsSpan(0, Count);
        }
    }

    /// <summary>The values of every row, back to back, as UTF-8.</summary>
    public ReadOnlySpan<byte> ValueText
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _text.AsSpan(0, _textLength);
        }
    }

    /// <summary>
    /// Adds a row; <paramref name="values"/> must be <c>,open,high,low,close,volume</c> with each value as
    /// <see cref="decimal.ToString(IFormatProvider)"/> writes it (the caller validates; rows must ascend).
    /// </summary>
    public void Add(long openTimeMs, ReadOnlySpan<byte> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Count == _times.Length)
        {
            _times = Grow(_times, Count);
            _ends = Grow(_ends, Count);
        }
        if (_text.Length - _textLength < values.Length)
            _text = Grow(_text, _textLength, _textLength + values.Length);
        values.CopyTo(_text.AsSpan(_textLength));
        _textLength += values.Length;
        _times[Count] = openTimeMs;
        _ends[Count] = _textLength;
        Count++;
    }

    /// <summary>Row <paramref name="index"/> as a <see cref="Candle"/> (for a write that must merge with stored rows).</summary>
    public Candle ToCandle(int index, string symbol)
    {
        Span<decimal> values = stackalloc decimal[FiveValues];
        var text = Values(index);
        for (var v = 0; v < FiveValues; v++)
        {
            text = text[1..];
            var comma = text.IndexOf((byte)',');
            var field = comma < 0 ? text : text[..comma];
            values[v] = decimal.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
            text = comma < 0 ? [] : text[comma..];
        }
        return new Candle(symbol, Timestamp(index), values[0], values[1], values[2], values[3], values[4]);
    }

    /// <summary>Returns the buffers to the pool; the rows are gone.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        BulkBuffers<long>.Pool.Return(_times);
        BulkBuffers<int>.Pool.Return(_ends);
        BulkBuffers<byte>.Pool.Return(_text);
        _times = [];
        _ends = [];
        _text = [];
        Count = 0;
    }

    private void CheckIndex(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
    }

    private static T[] Grow<T>(T[] array, int used, int atLeast = 0)
    {
        var bigger = BulkBuffers<T>.Pool.Rent(Math.Max(array.Length * 2, atLeast));
        array.AsSpan(0, used).CopyTo(bigger);
        BulkBuffers<T>.Pool.Return(array);
        return bigger;
    }
}
