using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Binance.Archive;

/// <summary>A missing set split into archive files to fetch and the remainder REST must fetch.</summary>
public sealed record ArchivePlan(IReadOnlyList<ArchiveJob> Jobs, CoverageSet RestRemainder);
