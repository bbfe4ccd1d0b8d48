namespace BinanceSimulator.Archive;

/// <summary>Public-archive behaviour of the simulator.</summary>
public sealed class ArchiveOptions
{
    /// <summary>How long after a day ends its daily zip appears. <value>1 day</value></summary>
    public TimeSpan DailyLag { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long after a month ends its monthly zip appears. <value>4 days</value></summary>
    public TimeSpan MonthlyLag { get; set; } = TimeSpan.FromDays(4);
}
