using CandleFunctions.Core.Candles;

namespace CandleFunctions.Binance.Archive;

/// <summary>
/// Where a parse of one archive CSV is: line number and the last open time (rows must ascend; a repeated minute is
/// skipped), keeping the rows inside the wanted range; what a kept row becomes is the subclass's.
/// </summary>
internal abstract class ArchiveRowSink(UtcRange range)
{
    private readonly long _startMs = range.Start.ToUnixTimeMilliseconds();
    private readonly long _endMs = range.End.ToUnixTimeMilliseconds();
    private long _previousMs = long.MinValue;

    public long LineNumber { get; private set; }

    public void Line(ReadOnlySpan<byte> line)
    {
        LineNumber++;
        if (line.Length > 0 && line[^1] == (byte)'\r')
            line = line[..^1];
        if (line.IsEmpty)
            return;
        // Files generated from mid-2022 on start with a header; older ones start with a digit.
        if (LineNumber == 1 && !char.IsAsciiDigit((char)line[0]))
            return;
        var ms = Read(line, LineNumber);
        if (ms == _previousMs)
            return;
        if (ms < _previousMs)
            throw new ArchiveFormatException($"open time {ms} goes back before {_previousMs}.", LineNumber);
        _previousMs = ms;
        if (ms >= _startMs && ms < _endMs)
            Keep(line, ms);
    }

    /// <summary>Validates a row and returns its open time (ms); throws <see cref="ArchiveFormatException"/> when it is not a kline.</summary>
    protected abstract long Read(ReadOnlySpan<byte> line, long lineNumber);

    /// <summary>Keeps the row just read.</summary>
    protected abstract void Keep(ReadOnlySpan<byte> line, long openTimeMs);
}
