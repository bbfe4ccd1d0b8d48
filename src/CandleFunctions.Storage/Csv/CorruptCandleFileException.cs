namespace CandleFunctions.Storage.Csv;

/// <summary>A candle file the store cannot read safely; the store never rewrites such a file.</summary>
public sealed class CorruptCandleFileException : Exception
{
    public CorruptCandleFileException(string path, long line, string reason)
        : base($"{path} line {line}: {reason}")
    {
        Path = path;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file (or blob) that could not be read.</summary>
    public string Path { get; }

    /// <summary>The 1-based line where the problem is (the header is line 1).</summary>
    public long Line { get; }

    /// <summary>What is wrong with that line.</summary>
    public string Reason { get; }
}
