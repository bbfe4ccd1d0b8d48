namespace CandleFunctions.Orchestration;

/// <summary>The plan activity's input: the request, the run's instance id, and the deadline of its exchangeInfo grant.</summary>
public sealed record PlanRequest(SyncInput Input, string InstanceId, DateTimeOffset SendBy);
