using System.Reflection;
using CandleFunctions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CandleFunctions.Engine.Tests.Support;

/// <summary>
/// The isolated worker's side: its services exactly as <c>Program.cs</c> builds them (the real worker builder, the
/// Durable extension's configuration, <see cref="CandleFunctionsServiceCollectionExtensions.AddCandleFunctions"/>),
/// built but never run, plus the means to call the app's <c>[Function]</c> methods the way the worker would.
/// </summary>
public sealed class WorkerApp : IAsyncDisposable
{
    private readonly IHost _host;

    private WorkerApp(IHost host)
    {
        _host = host;
        Services = host.Services;
        Converter = Services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;
    }

    /// <summary>The worker's service provider.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The worker's data converter: the production serializer every payload goes through.</summary>
    public DataConverter Converter { get; }

    /// <summary>Runs before every activity with its name and typed input; throwing fails that attempt.</summary>
    public Func<string, object?, Task>? BeforeActivity { get; set; }

    /// <summary>The <c>[DurableClient]</c> payload the engine handed the last client binding.</summary>
    public string? ClientPayload { get; set; }

    /// <summary>Builds the worker's services from <paramref name="settings"/> (app settings, as in local.settings.json).</summary>
    public static WorkerApp Build(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.ConfigureDurableExtension();
        builder.Services.AddCandleFunctions(builder.Configuration);
        configure?.Invoke(builder.Services);
        return new WorkerApp(builder.Build());
    }

    /// <summary>Calls the app's activity <paramref name="name"/> with the serialised <paramref name="input"/>; returns its serialised result.</summary>
    public async Task<JRaw> RunActivityAsync(string name, string? input, CancellationToken cancellationToken)
    {
        var method = AppFunctions.Find(name);
        var parameter = method.GetParameters()[0];
        var work = Converter.Deserialize(input, parameter.ParameterType);
        if (BeforeActivity is { } before)
            await before(name, work);
        using var scope = Services.CreateScope();
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, method.DeclaringType!);
        var context = new ShimFunctionContext(scope.ServiceProvider, name, cancellationToken);
        Task task;
        try
        {
            task = (Task)method.Invoke(target, [work, context])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
        await task;
        var result = task.GetType().GetProperty("Result")!.GetValue(task);
        return new JRaw(Converter.Serialize(result) ?? "null");
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable async)
            await async.DisposeAsync();
        else
            _host.Dispose();
    }
}
