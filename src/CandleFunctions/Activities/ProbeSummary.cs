using CandleFunctions.Core.Candles;
using CandleFunctions.Weight;

namespace CandleFunctions.Activities;

/// <summary>The probe's answer. Not <see cref="Sent"/>: ask for weight and probe again. <see cref="Life"/> null: no candles in range.</summary>
public sealed record ProbeSummary(
    bool Sent,
    UtcRange? Life,
    int WeightSent,
    int UnsentWeight,
    ExchangeFeedback Feedback,
    string? Error = null);
