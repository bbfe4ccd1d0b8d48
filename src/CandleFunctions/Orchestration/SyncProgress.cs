namespace CandleFunctions.Orchestration;

/// <summary>The run's custom status: how far it is.</summary>
public sealed record SyncProgress(string Phase, int SymbolsTotal, int SymbolsDone, int SymbolsFailed, long CandlesAdded);
