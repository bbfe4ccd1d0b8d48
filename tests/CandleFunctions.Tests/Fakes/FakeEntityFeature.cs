using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.DurableTask.Entities;

namespace CandleFunctions.Tests.Fakes;

/// <summary>context.Entities for the fake: calls and signals run the entity in-process (signals too, in order).</summary>
internal sealed class FakeEntityFeature(FakeDurableRuntime runtime, string caller) : TaskOrchestrationEntityFeature
{
    public override async Task<TResult> CallEntityAsync<TResult>(EntityInstanceId id, string operationName, object? input = null, CallEntityOptions? options = null)
    {
        var result = await runtime.CallEntityAsync(caller, "entity-call", id, operationName, input);
        return result is JsonElement element ? element.Deserialize<TResult>(FakeJson.Options)! : default!;
    }

    public override Task CallEntityAsync(EntityInstanceId id, string operationName, object? input = null, CallEntityOptions? options = null) =>
        runtime.CallEntityAsync(caller, "entity-call", id, operationName, input);

    public override Task SignalEntityAsync(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null) =>
        runtime.CallEntityAsync(caller, "entity-signal", id, operationName, input);

    public override Task<IAsyncDisposable> LockEntitiesAsync(IEnumerable<EntityInstanceId> entityIds) => throw new NotSupportedException();

    public override bool InCriticalSection([NotNullWhen(true)] out IReadOnlyList<EntityInstanceId>? entityIds)
    {
        entityIds = null;
        return false;
    }
}
