using CandleFunctions.Core.Planning;
using CandleFunctions.Weight;

namespace CandleFunctions.Activities;

/// <summary>
/// What a chunk activity did, small enough for history: staged page names (never candles), pages to fetch again
/// (the grant expired, or a 429/418 stopped it), the weight it never sent, and the exchange's feedback.
/// </summary>
public sealed record ChunkSummary(
    int ChunkIndex,
    IReadOnlyList<StagedPage> Staged,
    IReadOnlyList<KlinePage> Unsent,
    int UnsentWeight,
    int WeightSent,
    int Requests,
    ExchangeFeedback Feedback,
    string? Error = null);
