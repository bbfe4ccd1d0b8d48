namespace CandleFunctions.Weight;

/// <summary>Closes a grant: weight never sent goes back to the window, and the exchange's feedback reconciles the budget.</summary>
public sealed record WeightReport(string GrantId, int UnsentWeight, IReadOnlyList<ExchangeFeedback> Feedback);
