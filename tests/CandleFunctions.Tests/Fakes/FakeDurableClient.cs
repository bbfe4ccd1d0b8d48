using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CandleFunctions.Tests.Fakes;

/// <summary>A client that remembers what was scheduled; instances exist once scheduled.</summary>
internal sealed class FakeDurableClient() : DurableTaskClient("fake")
{
    private readonly Dictionary<string, (string Name, object? Input)> _instances = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (string Name, object? Input)> Instances => _instances;

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var id = options?.InstanceId ?? $"instance{_instances.Count + 1}";
        _instances[id] = (orchestratorName.Name, input);
        return Task.FromResult(id);
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(_instances.TryGetValue(instanceId, out var i)
            ? new OrchestrationMetadata(i.Name, instanceId) { RuntimeStatus = OrchestrationRuntimeStatus.Running }
            : null);

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotSupportedException();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
