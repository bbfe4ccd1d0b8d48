namespace CandleFunctions.Binance.Archive;

/// <summary>An archive CSV row that cannot be read as a 1-minute kline; the file is treated as corrupt.</summary>
public sealed class ArchiveFormatException : Exception
{
    public ArchiveFormatException()
    {
    }

    public ArchiveFormatException(string message)
        : base(message)
    {
    }

    public ArchiveFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ArchiveFormatException(string message, long lineNumber)
        : base($"Line {lineNumber}: {message}") => LineNumber = lineNumber;

    /// <summary>The 1-based line the problem is on, when known.</summary>
    public long? LineNumber { get; }
}
