namespace CandleFunctions.Activities;

/// <summary>Staged pages of one symbol's run (<paramref name="InstanceId"/>) to commit to the store and the mirror.</summary>
public sealed record MergeWork(string InstanceId, string Symbol, IReadOnlyList<StagedPage> Pages);
