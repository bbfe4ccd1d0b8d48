using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Time.Testing;

namespace CandleFunctions.Tests.Fakes;

/// <summary>
/// Runs orchestrators, activities and the entity in-process: every payload goes through JSON as in the real worker,
/// activities retry per their RetryPolicy, entity operations run one at a time through the real TaskEntity dispatch,
/// and a durable timer moves the shared fake clock to its fire time.
/// </summary>
internal sealed class FakeDurableRuntime(FakeTimeProvider time, Func<ITaskEntity> entityFactory)
{
    private readonly ConcurrentDictionary<string, Func<string?, Task<object?>>> _activities = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Func<TaskOrchestrationContext, string?, Task<object?>>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, FakeEntityState> _entities = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _entityGate = new(1, 1);
    private readonly ConcurrentQueue<CallRecord> _calls = new();
    private readonly ConcurrentQueue<DateTimeOffset> _timers = new();
    private int _taskIds;
    private int _running;

    public FakeTimeProvider Time { get; } = time;

    public IReadOnlyList<CallRecord> Calls => _calls.ToList();

    /// <summary>Fire times of every durable timer created.</summary>
    public IReadOnlyList<DateTimeOffset> Timers => _timers.ToList();

    public ConcurrentDictionary<string, object?> CustomStatus { get; } = new(StringComparer.Ordinal);

    public void Activity<TIn, TOut>(string name, Func<TIn, Task<TOut>> run) =>
        _activities[name] = async json => await run(Deserialize<TIn>(json)!);

    public void Orchestrator<TIn, TOut>(string name, Func<TaskOrchestrationContext, TIn, Task<TOut>> run) =>
        _orchestrators[name] = async (context, json) => await run(context, Deserialize<TIn>(json)!);

    /// <summary>Runs an orchestration to its end and returns its output as the client would read it.</summary>
    public async Task<TOut?> RunAsync<TIn, TOut>(string name, string instanceId, TIn input)
    {
        var context = new FakeOrchestrationContext(this, name, instanceId, null, Serialize(input));
        var output = await _orchestrators[name](context, Serialize(input));
        return Deserialize<TOut>(Serialize(output));
    }

    /// <summary>The entity's state as JSON, or null before its first operation.</summary>
    public string? EntityStateJson(EntityInstanceId id) => _entities.TryGetValue(id.ToString(), out var state) ? state.Json : null;

    internal async Task<T> CallActivityAsync<T>(string caller, string name, object? input, TaskOptions? options)
    {
        var json = Serialize(input);
        _calls.Enqueue(new CallRecord("activity", name, caller, null, json));
        var attempts = Math.Max(1, options?.Retry?.Policy?.MaxNumberOfAttempts ?? 1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Interlocked.Increment(ref _running);
                try
                {
                    var result = await _activities[name](json);
                    return Deserialize<T>(Serialize(result))!;
                }
                finally
                {
                    Interlocked.Decrement(ref _running);
                }
            }
            catch (Exception e) when (attempt < attempts)
            {
                _calls.Enqueue(new CallRecord("retry", name, caller, null, e.GetType().Name));
            }
            catch (Exception e)
            {
                throw new TaskFailedException(name, Interlocked.Increment(ref _taskIds), TaskFailureDetails.FromException(e));
            }
        }
    }

    internal async Task<T> CallSubOrchestratorAsync<T>(string caller, string name, object? input, TaskOptions? options)
    {
        var id = (options as SubOrchestrationOptions)?.InstanceId ?? $"{caller}:sub{Interlocked.Increment(ref _taskIds)}";
        var json = Serialize(input);
        _calls.Enqueue(new CallRecord("suborchestration", name, caller, id, json));
        var context = new FakeOrchestrationContext(this, name, id, new ParentOrchestrationInstance(name, caller), json);
        try
        {
            var output = await _orchestrators[name](context, json);
            return Deserialize<T>(Serialize(output))!;
        }
        catch (Exception e)
        {
            throw new TaskFailedException(name, Interlocked.Increment(ref _taskIds), TaskFailureDetails.FromException(e));
        }
    }

    internal async Task<object?> CallEntityAsync(string caller, string kind, EntityInstanceId id, string operation, object? input)
    {
        var json = Serialize(input);
        _calls.Enqueue(new CallRecord(kind, operation, caller, id.ToString(), json));
        await _entityGate.WaitAsync();
        try
        {
            var state = _entities.GetOrAdd(id.ToString(), _ => new FakeEntityState(null));
            var result = await entityFactory().RunAsync(new FakeEntityOperation(operation, json, state, id));
            return result is null ? null : JsonSerializer.Deserialize<JsonElement>(Serialize(result)!, FakeJson.Options);
        }
        finally
        {
            _entityGate.Release();
        }
    }

    /// <summary>
    /// Activities take no virtual time: the clock moves to a timer's fire time only once no activity is running, as
    /// in a discrete-event simulation (otherwise a spinning orchestration would age others' grants mid-request).
    /// </summary>
    internal async Task TimerAsync(DateTime fireAt)
    {
        var at = new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc));
        _timers.Enqueue(at);
        for (var waited = 0; Volatile.Read(ref _running) > 0 && waited < 5000; waited++)
            await Task.Delay(1);
        lock (_timers)
        {
            var now = Time.GetUtcNow();
            if (at > now)
                Time.Advance(at - now);
        }
    }

    internal void SetCustomStatus(string instanceId, object? status) => CustomStatus[instanceId] = Serialize(status);

    internal static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), FakeJson.Options);

    internal static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, FakeJson.Options);
}
