using CandleFunctions.Orchestration;

namespace CandleFunctions.Http;

/// <summary>Either the validated input or the reason the request was refused.</summary>
public sealed record SyncRequestParseResult(SyncInput? Input, string? Error);
