using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Core.Planning;
using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Activities;

/// <summary>
/// The edge pages of a symbol's missing REST span (<see cref="EdgePages"/>), as the CLI fetches them first: the head,
/// then the tail when more than a page is still missing. <paramref name="HeadDone"/>: the head was staged in an earlier
/// round, only the tail is left. Nothing is sent before <paramref name="SendFrom"/> (null: at once) or after <paramref name="SendBy"/>.
/// </summary>
public sealed record EdgeWork(
    string InstanceId,
    string Symbol,
    IReadOnlyList<UtcRange> Missing,
    bool HeadDone,
    RateLimitRule Rule,
    TimeSpan ServerOffset,
    DateTimeOffset SendBy,
    DateTimeOffset? SendFrom = null)
{
    /// <summary>The weight to grant: the most the edges still to fetch can cost.</summary>
    public static int WeightOf(IReadOnlyList<UtcRange> missing, bool headDone)
    {
        var span = CoverageSet.Of(missing);
        return headDone ? EdgePages.Tail(span).Weight : EdgePages.MaxWeight(span);
    }
}
