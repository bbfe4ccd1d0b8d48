namespace CandleFunctions.Storage.Parquet;

/// <summary>A Parquet month file that is not one this store wrote (wrong schema, unreadable, rows out of order); it is never rewritten.</summary>
public sealed class CorruptParquetFileException(string path, string reason, Exception? inner = null)
    : IOException($"{path}: {reason}", inner)
{
    /// <summary>The file (or blob) that could not be read.</summary>
    public string Path { get; } = path;

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; } = reason;
}
