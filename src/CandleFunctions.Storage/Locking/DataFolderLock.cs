namespace CandleFunctions.Storage.Locking;

/// <summary>
/// An exclusive, OS-level lock on a data folder, so that two syncs never write the same files. The OS releases it when
/// the process dies, so a crash leaves no stale lock.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    /// <summary>The lock file's name inside the data folder.</summary>
    public const string FileName = ".candles.lock";

    // Windows reports a held lock as a sharing or lock violation; on Unix the HResult is the errno of the failed
    // flock(LOCK_EX | LOCK_NB): EWOULDBLOCK, 11 on Linux and 35 on macOS and the BSDs.
    private const int SharingViolation = 32;
    private const int LockViolation = 33;
    private const int LinuxWouldBlock = 11;
    private const int BsdWouldBlock = 35;

    private readonly FileStream _stream;

    private DataFolderLock(string dataDirectory, FileStream stream)
    {
        DataDirectory = dataDirectory;
        _stream = stream;
    }

    /// <summary>The locked folder (absolute).</summary>
    public string DataDirectory { get; }

    /// <summary>Takes the lock on <paramref name="dataDirectory"/> (creating the folder if needed), without waiting.</summary>
    /// <exception cref="DataFolderLockedException">Another process (or another handle in this one) holds it.</exception>
    public static DataFolderLock Acquire(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        try
        {
            // FileShare.None is an exclusive flock on Unix and a share-mode lock on Windows.
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new DataFolderLock(directory, stream);
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            throw new DataFolderLockedException(directory, e);
        }
    }

    private static bool IsHeldElsewhere(IOException e) =>
        OperatingSystem.IsWindows()
            ? (e.HResult & 0xFFFF) is SharingViolation or LockViolation
            : e.HResult == (OperatingSystem.IsLinux() ? LinuxWouldBlock : BsdWouldBlock);

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}
