using System.Globalization;
using BinanceSimulator.Hosting;
using CandleFunctions.Exchange;
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
    private readonly Action<IServiceCollection> _configureWorker;

    private EngineRig(StorageEmulator storage, SimulatorHost simulator, string root, Dictionary<string, string?> settings, RequestLog requests)
    {
        _storage = storage;
        Simulator = simulator;
        Root = root;
        Settings = settings;
        Requests = requests;
        // The app's own REST client factory, over a handler that logs what leaves.
        _configureWorker = s => s.AddSingleton(_ => new ExchangeClientFactory(requests, simulator.BaseUrl, TimeProvider.System));
        Store = new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = DataDirectory });
    }

    public SimulatorHost Simulator { get; }

    /// <summary>What the app sent to the exchange.</summary>
    public RequestLog Requests { get; }

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
        IReadOnlyDictionary<string, string?>? settings = null)
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
        var rig = new EngineRig(storage, host, root, all, new RequestLog());
        rig.Engine = await EngineHost.StartAsync(storage, EngineHost.NewTaskHub(), all, rig._configureWorker);
        return rig;
    }

    /// <summary>Stops the engine, as a host dies or is recycled: in-flight work items are abandoned.</summary>
    public async Task StopAsync() => await Engine.DisposeAsync();

    /// <summary>Starts a new engine, with a new worker, on the same task hub.</summary>
    public async Task StartAgainAsync() => Engine = await EngineHost.StartAsync(_storage, Engine.TaskHub, Settings, _configureWorker);

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

    /// <summary>Writes the symbols file (notebook shape) into the app's local folder.</summary>
    public void WriteSymbols(params string[] symbols)
    {
        Directory.CreateDirectory(DataDirectory);
        File.WriteAllText(Path.Combine(DataDirectory, "filtered_tokens.csv"),
            "token,binance_symbol\n" + string.Concat(symbols.Select(s => $"{s.Replace("USDT", "", StringComparison.Ordinal)},{s}\n")));
    }

    /// <summary>Asserts the app stored exactly the exchange's closed candles of <paramref name="symbol"/> in <paramref name="range"/>.</summary>
    public async Task AssertExactAsync(string symbol, Core.Candles.UtcRange range)
    {
        var expected = Simulator.Market.ClosedTradedCandles(symbol, range, Simulator.ServerNow).ToList();
        var stored = await StoredAsync(symbol);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(c => c.OpenTime), stored.Select(c => c.OpenTimeMs));
        Assert.Equal(expected.Select(c => decimal.Parse(c.Close, CultureInfo.InvariantCulture)), stored.Select(c => c.Close));
        Assert.Equal(expected.Select(c => decimal.Parse(c.Volume, CultureInfo.InvariantCulture)), stored.Select(c => c.Volume));
        Assert.True((await Store.LoadAsync(symbol, CancellationToken.None)).Covered.Covers(range));
    }

    /// <summary>The candles the app stored for <paramref name="symbol"/>.</summary>
    public async Task<List<Core.Candles.Candle>> StoredAsync(string symbol)
    {
        var rows = new List<Core.Candles.Candle>();
        await foreach (var row in Store.ReadAsync(symbol, CancellationToken.None))
            rows.Add(row);
        return rows;
    }

    /// <summary>Staged pages left behind (none after a finished run).</summary>
    public IReadOnlyList<string> Staged() =>
        Directory.Exists(StagingDirectory) ? Directory.EnumerateFiles(StagingDirectory, "*", SearchOption.AllDirectories).ToList() : [];

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
