namespace CandleFunctions.Storage.Locking;

/// <summary>Another process holds the data folder's lock.</summary>
public sealed class DataFolderLockedException : IOException
{
    public DataFolderLockedException(string dataDirectory, Exception? innerException = null)
        : base(
            $"Another candles sync is using {dataDirectory} (it holds {Path.Combine(dataDirectory, DataFolderLock.FileName)}). " +
            "Wait for it to finish or stop it, then try again.",
            innerException)
    {
        DataDirectory = dataDirectory;
    }

    /// <summary>The locked data folder.</summary>
    public string DataDirectory { get; }
}
