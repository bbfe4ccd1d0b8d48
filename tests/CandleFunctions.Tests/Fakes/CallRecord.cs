namespace CandleFunctions.Tests.Fakes;

/// <summary>One thing an orchestrator asked the fake runtime for.</summary>
internal sealed record CallRecord(string Kind, string Name, string Caller, string? TargetId, string? InputJson);
