using CandleFunctions.Core.Candles;
using CandleFunctions.Weight;

namespace CandleFunctions.Activities;

/// <summary>
/// What the edge activity did. <see cref="Done"/>: both edges are settled (or the exchange refused the symbol, see
/// <see cref="Error"/>); otherwise the grant ran out or a 429/418 stopped it, and <see cref="HeadDone"/> says where to
/// resume. <see cref="Remaining"/>: the missing span minus what the staged edges prove.
/// </summary>
public sealed record EdgeSummary(
    bool Done,
    bool HeadDone,
    IReadOnlyList<StagedPage> Staged,
    IReadOnlyList<UtcRange> Remaining,
    int WeightSent,
    int Requests,
    int UnsentWeight,
    ExchangeFeedback Feedback,
    string? Error = null);
