namespace CandleFunctions.Storage.Local;

/// <summary>What a candle file looks like at its ends, read without scanning it.</summary>
/// <param name="Length">Bytes in the file.</param>
/// <param name="KeepLength">Bytes that hold committed or complete data; beyond it is an in-flight row to drop.</param>
/// <param name="HeaderExact">True when the first line is exactly our header, so rows can be appended.</param>
/// <param name="NeedsNewline">True when the kept data does not end in '\n', so an append must start with one.</param>
/// <param name="Last">Open time of the last kept row, if any.</param>
internal sealed record CandleFileState(long Length, long KeepLength, bool HeaderExact, bool NeedsNewline, DateTimeOffset? Last)
{
    public static readonly CandleFileState Empty = new(0, 0, false, false, null);

    public bool HasInFlightTail => KeepLength < Length;
}
