using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CandleFunctions.Tests.Fakes;

/// <summary>A hand-written <see cref="TaskOrchestrationContext"/> that hands every durable action to <see cref="FakeDurableRuntime"/>.</summary>
internal sealed class FakeOrchestrationContext(
    FakeDurableRuntime runtime, string name, string instanceId, ParentOrchestrationInstance? parent, string? inputJson) : TaskOrchestrationContext
{
    private int _guids;

    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;

    public override ParentOrchestrationInstance? Parent { get; } = parent;

    public override DateTime CurrentUtcDateTime => runtime.Time.GetUtcNow().UtcDateTime;

    public override bool IsReplaying => false;

    public override TaskOrchestrationEntityFeature Entities => new FakeEntityFeature(runtime, InstanceId);

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public override T? GetInput<T>() where T : default => FakeDurableRuntime.Deserialize<T>(inputJson);

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null) =>
        runtime.CallActivityAsync<TResult>(InstanceId, name.Name, input, options);

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => runtime.TimerAsync(fireAt);

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

    public override void SetCustomStatus(object? customStatus) => runtime.SetCustomStatus(InstanceId, customStatus);

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        runtime.CallSubOrchestratorAsync<TResult>(InstanceId, orchestratorName.Name, input, options);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => throw new NotSupportedException();

    /// <summary>Deterministic like the real one: a name-based id from the instance id and a counter.</summary>
    public override Guid NewGuid()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{InstanceId}#{Interlocked.Increment(ref _guids)}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
