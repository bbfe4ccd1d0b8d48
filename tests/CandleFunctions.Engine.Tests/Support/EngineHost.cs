using System.Text.Json;
using CandleFunctions.Engine.Tests.Shims;
using Grpc.Net.Client;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Microsoft.Azure.WebJobs.Host.Config;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CandleFunctions.Engine.Tests.Support;

/// <summary>
/// The real Durable Task engine as the Functions host runs it for an isolated app: a WebJobs host with the Durable
/// extension in its isolated (gRPC) mode on Azurite, one task hub, the shims as its functions, and a gRPC client on
/// the endpoint its <c>[DurableClient]</c> binding names. Stop it and start another on the same hub to restart.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly GrpcChannel _channel;
    private bool _disposed;

    private EngineHost(IHost host, WorkerApp worker, GrpcChannel channel, DurableTaskClient client, string hub)
    {
        _host = host;
        Worker = worker;
        _channel = channel;
        Client = client;
        TaskHub = hub;
    }

    /// <summary>The worker side (services, converter, fault hooks).</summary>
    public WorkerApp Worker { get; }

    /// <summary>The client a starter function gets.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The task hub this host works on.</summary>
    public string TaskHub { get; }

    /// <summary>A fresh task hub name (letters and digits, 3 to 45 characters).</summary>
    public static string NewTaskHub() => "hub" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Starts the engine on <paramref name="hub"/> over <paramref name="storage"/> with the app built from <paramref name="settings"/>.</summary>
    public static async Task<EngineHost> StartAsync(
        StorageEmulator storage, string hub, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureWorker = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        // A CONTAINER_NAME in the environment (set by some container runtimes) makes the extension take itself for Linux
        // Consumption and write every engine event to stdout as JSON, which costs more CPU than the work under test.
        Environment.SetEnvironmentVariable("CONTAINER_NAME", null);
        var worker = WorkerApp.Build(settings, configureWorker);
        var host = new HostBuilder()
            .UseEnvironment("Development")
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = storage.ConnectionString,
                ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            }))
            .ConfigureLogging(l =>
            {
                l.ClearProviders();
                if (Environment.GetEnvironmentVariable("CANDLE_ENGINE_LOG") is { Length: > 0 } log)
                {
                    l.AddProvider(new FileLoggerProvider(log, LogLevel.Information));
                    l.AddFilter("Azure.Core", LogLevel.Warning);
                }
            })
            .ConfigureWebJobs(b => b.AddDurableTask(o =>
            {
                o.HubName = hub;
                // Poll fast: the default backs off to 30 s between empty polls, which would dominate a short test.
                o.StorageProvider["maxQueuePollingInterval"] = "00:00:00.250";
                o.StorageProvider["partitionCount"] = 2;
                // A stopped host may leave a dequeued message invisible; it reappears after this (5 minutes by default, 1 the least allowed).
                o.StorageProvider["workItemQueueVisibilityTimeout"] = "00:01:00";
                o.StorageProvider["controlQueueVisibilityTimeout"] = "00:01:00";
                o.Tracing.TraceInputsAndOutputs = Environment.GetEnvironmentVariable("CANDLE_ENGINE_LOG") is { Length: > 0 };
            }))
            .ConfigureServices(s =>
            {
                s.AddSingleton(worker);
                s.AddSingleton<ITypeLocator, ShimTypeLocator>();
                s.AddSingleton<IWebHookProvider, FixedWebHookProvider>();
            })
            .Build();
        await host.StartAsync();

        var jobs = host.Services.GetRequiredService<IJobHost>();
        await jobs.CallAsync(DurableShims.ClientPayloadFunction);
        var payload = JsonDocument.Parse(worker.ClientPayload ?? throw new InvalidOperationException("The engine gave no client payload.")).RootElement;
        var endpoint = new Uri(payload.GetProperty("rpcBaseUrl").GetString()!);
        var channel = GrpcChannel.ForAddress(endpoint);
        var client = new GrpcDurableTaskClient(
            payload.GetProperty("taskHubName").GetString()!,
            new GrpcDurableTaskClientOptions { Channel = channel, DataConverter = worker.Converter, EnableEntitySupport = true },
            NullLogger.Instance);
        return new EngineHost(host, worker, channel, client, hub);
    }

    /// <summary>Stops the engine: the gRPC endpoint closes and in-flight work items are abandoned, as when a host dies.</summary>
    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await Client.DisposeAsync();
        _channel.Dispose();
        try
        {
            await StopAsync();
        }
        catch (OperationCanceledException)
        {
        }
        _host.Dispose();
        await Worker.DisposeAsync();
    }
}
