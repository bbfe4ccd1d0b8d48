using CandleFunctions.Core.Candles;

namespace CandleFunctions.Activities;

/// <summary>
/// What the archive can give a delisted symbol. Not <see cref="Known"/>: the archive never published it. Otherwise the
/// files to fetch, the ranges still missing inside what the archive spans (the rest was recorded empty), the days no
/// file covers, and the stored candles' first and last.
/// </summary>
public sealed record ArchiveOnlyPlan(
    bool Known,
    IReadOnlyList<ArchiveFileWork> Files,
    IReadOnlyList<UtcRange> Missing,
    double GapDays,
    DateTimeOffset? StoredFirst,
    DateTimeOffset? StoredLast);
