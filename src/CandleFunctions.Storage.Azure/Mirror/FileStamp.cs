namespace CandleFunctions.Storage.Azure.Mirror;

/// <summary>A file's length and last write time, enough to tell whether anyone wrote it since we did.</summary>
internal readonly record struct FileStamp(long Length, long WriteTicks)
{
    /// <summary>The stamp of a file that does not exist.</summary>
    public static readonly FileStamp Absent = new(-1, 0);

    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks) : Absent;
    }
}
