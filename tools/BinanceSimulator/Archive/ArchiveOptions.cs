namespace BinanceSimulator.Archive;

/// <summary>Public-archive behaviour of the simulator; every list is empty by default and loadable from JSON.</summary>
public sealed class ArchiveOptions
{
    /// <summary>How long after a day ends its daily zip appears. <value>1 day</value></summary>
    public TimeSpan DailyLag { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long after a month ends its monthly zip appears. <value>4 days</value></summary>
    public TimeSpan MonthlyLag { get; set; } = TimeSpan.FromDays(4);

    /// <summary>
    /// Files whose period starts before this day have no header row, like the real archive's older files.
    /// <value>2022-05-01</value>
    /// </summary>
    public DateOnly HeaderFrom { get; set; } = new(2022, 5, 1);

    /// <summary>
    /// The archive holds nothing before this day, so the oldest perpetuals exist only via REST at first
    /// (the real UM archive starts 2019-12-31). Null means it starts with each symbol's first candle.
    /// <value>2019-12-31</value>
    /// </summary>
    public DateOnly? EarliestDay { get; set; } = new(2019, 12, 31);

    /// <summary>Days missing from the archive: their daily zip is absent and their monthly zip lacks their rows.</summary>
    public List<ArchiveMissingDay> MissingDays { get; set; } = [];

    /// <summary>Files whose .CHECKSUM names a wrong hash.</summary>
    public List<ArchiveFileSelector> ChecksumMismatches { get; set; } = [];

    /// <summary>Files served cut short (half their bytes), while the .CHECKSUM still names the whole zip.</summary>
    public List<ArchiveFileSelector> TruncatedZips { get; set; } = [];

    /// <summary>Files whose open and close times are written in microseconds instead of milliseconds.</summary>
    public List<ArchiveFileSelector> MicrosecondFiles { get; set; } = [];

    /// <summary>Most keys and common prefixes in one listing page (S3 MaxKeys). <value>1000</value></summary>
    public int ListPageSize { get; set; } = 1000;

    /// <summary>Upper bound on the bytes of generated zips kept in memory. <value>256 MiB</value></summary>
    public long CacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Throws with a readable message when a value cannot work.</summary>
    public void Validate()
    {
        if (DailyLag < TimeSpan.Zero || MonthlyLag < TimeSpan.Zero)
            throw new ArgumentException("Archive DailyLag and MonthlyLag must not be negative.");
        if (ListPageSize < 1)
            throw new ArgumentException($"Archive ListPageSize must be at least 1, not {ListPageSize}.");
        if (CacheBytes < 0)
            throw new ArgumentException($"Archive CacheBytes must not be negative, not {CacheBytes}.");
        foreach (var selector in ChecksumMismatches.Concat(TruncatedZips).Concat(MicrosecondFiles))
            selector.Validate();
        foreach (var day in MissingDays)
            day.Validate();
    }
}
