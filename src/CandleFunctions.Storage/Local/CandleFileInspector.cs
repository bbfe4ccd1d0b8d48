using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Csv;
using Microsoft.Win32.SafeHandles;

namespace CandleFunctions.Storage.Local;

/// <summary>Reads a candle file's header and last line to decide how to extend it and what a crash left behind.</summary>
internal static class CandleFileInspector
{
    /// <summary>Inspects the file behind <paramref name="handle"/>; <paramref name="ledger"/> is null when it has none.</summary>
    /// <exception cref="CorruptCandleFileException">The header or the last complete row is unreadable.</exception>
    public static async Task<CandleFileState> InspectAsync(
        SafeFileHandle handle,
        string path,
        string symbol,
        CoverageSet? ledger,
        CancellationToken cancellationToken)
    {
        var length = RandomAccess.GetLength(handle);
        if (FileLine.First(handle, length) is not { } first)
            return CandleFileState.Empty;
        var layout = CandleCsv.ParseHeaderLine(first.Text.TrimEnd('\r'), path);
        var headerExact = first.Text == CandleCsv.Header;
        var keep = length;
        var last = FileLine.Last(handle, length)!.Value;
        if (!last.Terminated && last.Start > 0)
        {
            // Our appends end every row with '\n' before the ledger covers it, so an unterminated row outside a
            // ledger is in flight and may be cut inside a number; a notebook file (no ledger) keeps a complete row.
            var complete = CandleCsv.TryParseLine(layout, last.Text.TrimEnd('\r'), symbol, out var candle);
            if (complete && (ledger is null || ledger.Contains(candle.Timestamp)))
                return new CandleFileState(length, length, headerExact, NeedsNewline: true, candle.Timestamp);
            keep = last.Start;
            last = FileLine.Last(handle, keep)!.Value;
        }
        var needsNewline = !EndsWithNewline(handle, keep);
        while (last.Start > 0 && IsBlank(last))
            last = FileLine.Last(handle, last.Start)!.Value;
        if (last.Start == 0)
            return new CandleFileState(length, keep, headerExact, needsNewline, null);
        if (CandleCsv.TryParseLine(layout, last.Text.TrimEnd('\r'), symbol, out var lastCandle))
            return new CandleFileState(length, keep, headerExact, needsNewline, lastCandle.Timestamp);

        // A full read names the line and the reason.
        await foreach (var _ in CandleFileReader.ReadAsync(handle, path, symbol, keep, cancellationToken))
        {
        }
        throw new CorruptCandleFileException(path, 0, "the last row cannot be read");
    }

    // Empty lines are skipped by the reader; a line of spaces is not (it is a one-field row), so it is not blank here.
    private static bool IsBlank(FileLine line) => line.Text.Length == 0 || line.Text == "\r";

    private static bool EndsWithNewline(SafeFileHandle handle, long length)
    {
        Span<byte> last = stackalloc byte[1];
        return length == 0 || (RandomAccess.Read(handle, last, length - 1) == 1 && last[0] == (byte)'\n');
    }
}
