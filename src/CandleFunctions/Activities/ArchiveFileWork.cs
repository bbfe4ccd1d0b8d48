using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Activities;

/// <summary>
/// One archive file for one run of a symbol: which file, the part of it wanted, and whether the archive is the
/// symbol's only source (then days without rows are known empty; otherwise REST confirms them).
/// </summary>
public sealed record ArchiveFileWork(
    string InstanceId,
    string Symbol,
    ArchiveGranularity Granularity,
    DateOnly PeriodStart,
    UtcRange Range,
    bool SoleSource)
{
    /// <summary>The work for <paramref name="job"/>.</summary>
    public static ArchiveFileWork Of(string instanceId, ArchiveJob job, bool soleSource)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(instanceId, job.Symbol, job.Granularity, job.PeriodStart, job.Range, soleSource);
    }

    /// <summary>The archive client's job.</summary>
    public ArchiveJob ToJob() => new(Symbol, Granularity, PeriodStart, Range);
}
