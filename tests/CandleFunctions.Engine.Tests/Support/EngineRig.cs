using System.Globalization;
using BinanceSimulator.Hosting;
using CandleFunctions.Orchestration;
using CandleFunctions.Storage.Local;
using CandleFunctions.Sync.Summary;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CandleFunctions.Engine.Tests.Support;

/// <summary>
/// One test's world on the real clock: the simulator on loopback, a temp folder as the app's local store and staging,
/// a fresh task hub, and the engine running the app. Dispose to stop everything and delete the folder.
/// </summary>
public sealed class EngineRig : IAsyncDisposable
{
    private readonly StorageEmulator _storage;
    private readonly Action<IServiceCollection>? _configureWorker;

    private EngineRig(StorageEmulator storage, SimulatorHost simulator, string root, Dictionary<string, string?> settings, Action<IServiceCollection>? configureWorker)
    {
        _storage = storage;
        Simulator = simulator;
        Root = root;
        Settings = settings;
        _configureWorker = configureWorker;
        Store = new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = DataDirectory });
    }

    public SimulatorHost Simulator { get; }

    /// <summary>The running engine (replaced by <see cref="RestartAsync"/>).</summary>
    public EngineHost Engine { get; private set; } = null!;

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string StagingDirectory => Path.Combine(Root, "staging");

    /// <summary>The app settings the worker was built from.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>A reader of the app's local store.</summary>
    public LocalFolderStore Store { get; }

    public DurableTaskClient Client => Engine.Client;

    /// <summary>Starts the simulator and the engine; <paramref name="settings"/> adds or overrides app settings.</summary>
    public static async Task<EngineRig> StartAsync(
        StorageEmulator storage,
        Action<SimulatorOptions>? simulator = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureWorker = null)
    {
        var options = new SimulatorOptions();
        simulator?.Invoke(options);
        var host = await SimulatorHost.StartAsync(options);
        var root = Path.Combine(Path.GetTempPath(), "candle-engine-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var all = new Dictionary<string, string?>
        {
            ["CandleFunctions:BinanceBaseUrl"] = host.BaseUrl.ToString(),
            ["CandleFunctions:ArchiveBaseUrl"] = host.BaseUrl.ToString(),
            ["CandleFunctions:ArchiveListingUrl"] = new Uri(host.BaseUrl, "data.binance.vision").ToString(),
            ["CandleFunctions:LocalMirrorDirectory"] = Path.Combine(root, "data"),
            ["CandleFunctions:StagingDirectory"] = Path.Combine(root, "staging"),
            ["CandleFunctions:UseArchive"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var rig = new EngineRig(storage, host, root, all, configureWorker);
        rig.Engine = await EngineHost.StartAsync(storage, EngineHost.NewTaskHub(), all, configureWorker);
        return rig;
    }

    /// <summary>Stops the engine (as a host dies) and starts a new one, with a new worker, on the same task hub.</summary>
    public async Task RestartAsync(Action<EngineHost>? beforeStart = null)
    {
        var hub = Engine.TaskHub;
        await Engine.DisposeAsync();
        Engine = await EngineHost.StartAsync(_storage, hub, Settings, _configureWorker);
        beforeStart?.Invoke(Engine);
    }

    /// <summary>Schedules a run and waits for it to finish; returns its state with inputs and outputs.</summary>
    public async Task<OrchestrationMetadata> RunAsync(SyncInput input, string? instanceId = null, TimeSpan? timeout = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(SyncOrchestrator.Name, input, new StartOrchestrationOptions(instanceId));
        return await WaitAsync(id, timeout);
    }

    /// <summary>Waits for <paramref name="instanceId"/> to finish (generous: the machine may be loaded).</summary>
    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancel.Token);
    }

    /// <summary>The run's output as the app's summary.</summary>
    public SyncSummary Summary(OrchestrationMetadata state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            throw new InvalidOperationException($"{state.InstanceId} ended {state.RuntimeStatus}: {state.FailureDetails?.ErrorMessage}");
        return state.ReadOutputAs<SyncSummary>() ?? throw new InvalidOperationException("The run returned no output.");
    }

    public static DateTimeOffset At(string utc) =>
        DateTimeOffset.ParseExact(utc, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public async ValueTask DisposeAsync()
    {
        if (Engine is not null)
            await Engine.DisposeAsync();
        await Simulator.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
