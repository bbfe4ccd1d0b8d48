namespace CandleFunctions.Activities;

/// <summary>Staged pages of one symbol to commit to the store and the mirror.</summary>
public sealed record MergeWork(string Symbol, IReadOnlyList<StagedPage> Pages);
