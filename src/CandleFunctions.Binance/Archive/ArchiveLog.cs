using Microsoft.Extensions.Logging;

namespace CandleFunctions.Binance.Archive;

/// <summary>Source-generated log messages of the archive adapter.</summary>
internal static partial class ArchiveLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Archive file {Job} was corrupt ({Reason}); downloading it once more")]
    public static partial void RetryingCorrupt(ILogger logger, ArchiveJob job, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Archive file {Job} failed ({Reason}); its range falls back to REST")]
    public static partial void Failed(ILogger logger, ArchiveJob job, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug, Message = "Archive file {Job} verified: {Candles} candles")]
    public static partial void Verified(ILogger logger, ArchiveJob job, long candles);
}
