using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace CandleFunctions.Tests.Fakes;

/// <summary>An entity context that only knows its id; our entity neither signals nor starts orchestrations.</summary>
internal sealed class FakeEntityContext(EntityInstanceId id) : TaskEntityContext
{
    public override EntityInstanceId Id { get; } = id;

    public override void SignalEntity(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null) =>
        throw new NotSupportedException();

    public override string ScheduleNewOrchestration(TaskName name, object? input = null, StartOrchestrationOptions? options = null) =>
        throw new NotSupportedException();
}
