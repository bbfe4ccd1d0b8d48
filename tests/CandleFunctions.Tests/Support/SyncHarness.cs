using System.Globalization;
using BinanceSimulator.Hosting;
using CandleFunctions.Activities;
using CandleFunctions.Binance.Archive;
using CandleFunctions.Exchange;
using CandleFunctions.Hosting;
using CandleFunctions.Orchestration;
using CandleFunctions.Staging;
using CandleFunctions.Storage.Local;
using CandleFunctions.Stores;
using CandleFunctions.Sync.Summary;
using CandleFunctions.Tests.Fakes;
using CandleFunctions.Weight;
using Microsoft.Extensions.Time.Testing;

namespace CandleFunctions.Tests.Support;

/// <summary>
/// The whole app wired as in production but on one machine: the simulator on loopback, the real activities over the
/// real REST client and local folder store, the real entity, and the orchestrators on the fake durable runtime.
/// One fake clock drives the exchange, the activities, the entity and the orchestrations.
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = At("2026-12-01 00:00") + TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly SocketsHttpHandler _connections = new();
    private int _inFlight;

    private SyncHarness(SimulatorHost simulator, FakeTimeProvider time, string root, OrchestrationLimits limits, Action<CandleFunctionsOptions>? settings)
    {
        Simulator = simulator;
        Time = time;
        Root = root;
        DataDirectory = Path.Combine(root, "data");
        StagingDirectory = Path.Combine(root, "staging");
        Store = new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = DataDirectory });
        Runtime = new FakeDurableRuntime(time, () => new WeightBudgetEntity(time, EntityOptions));

        var exchange = new ExchangeClientFactory(_connections, simulator.BaseUrl, time);
        Options = new CandleFunctionsOptions { LocalMirrorDirectory = DataDirectory, StagingDirectory = StagingDirectory };
        settings?.Invoke(Options);
        Storage = CandleStorage.Create(Options);
        var stores = Storage.Stores;
        var staging = Storage.Staging;
        // The simulator serves the archive on its own base URL and its S3 listing at <base>data.binance.vision.
        Archive = new ArchiveAccess(_connections, new ArchiveOptions { BaseUrl = simulator.BaseUrl, ListingUrl = new Uri(simulator.BaseUrl, "data.binance.vision") }, time);
        var plan = new PlanSyncActivity(exchange, stores, Storage.SymbolList, limits, time, Storage.Setup, Archive);
        var edges = new FetchEdgesActivity(exchange, staging, time);
        var fetch = new FetchChunkActivity(exchange, staging, time);
        var merge = new MergeSymbolActivity(staging, stores, time);

        Runtime.Activity<PlanRequest, SyncPlan>(PlanSyncActivity.Name, r => plan.PlanAsync(r, CancellationToken.None));
        Runtime.Activity<EdgeWork, EdgeSummary>(FetchEdgesActivity.Name, w => edges.FetchAsync(w, CancellationToken.None));
        Runtime.Activity<ChunkWork, ChunkSummary>(FetchChunkActivity.Name, w => FetchWatchedAsync(fetch, w));
        Runtime.Activity<MergeWork, MergeSummary>(MergeSymbolActivity.Name, w => merge.MergeAsync(w, CancellationToken.None));
        var archiveFile = new FetchArchiveFileActivity(Archive, staging);
        var archiveOnly = new PlanArchiveOnlyActivity(Archive, stores);
        Runtime.Activity<ArchiveFileWork, ArchiveFileSummary>(FetchArchiveFileActivity.Name, w => archiveFile.FetchAsync(w, CancellationToken.None));
        Runtime.Activity<ArchiveOnlyWork, ArchiveOnlyPlan>(PlanArchiveOnlyActivity.Name, w => archiveOnly.PlanAsync(w, CancellationToken.None));
        Runtime.Orchestrator<SyncInput, SyncSummary>(SyncOrchestrator.Name, SyncOrchestrator.RunAsync);
        Runtime.Orchestrator<SymbolWork, SymbolSummary>(SymbolOrchestrator.Name, SymbolOrchestrator.RunAsync);
    }

    public SimulatorHost Simulator { get; }

    public FakeTimeProvider Time { get; }

    public FakeDurableRuntime Runtime { get; }

    /// <summary>The simulator's public archive.</summary>
    public ArchiveAccess Archive { get; }

    /// <summary>The app settings the storage was built from.</summary>
    public CandleFunctionsOptions Options { get; }

    /// <summary>The storage as the app builds it from <see cref="Options"/> (local by default).</summary>
    public CandleStorage Storage { get; }

    public LocalFolderStore Store { get; }

    public string Root { get; }

    public string DataDirectory { get; }

    public string StagingDirectory { get; }

    /// <summary>
    /// The entity's settings. No grants in the next window: an activity waiting for its window on the fake clock would
    /// hold the clock still (it moves only when no activity runs); the engine tests run them on the real clock.
    /// </summary>
    public WeightBudgetEntityOptions EntityOptions { get; } = new() { ReserveAhead = TimeSpan.Zero };

    /// <summary>Symbols whose chunk activity throws a transient error on every attempt.</summary>
    public HashSet<string> FailingSymbols { get; } = [];

    /// <summary>
    /// Real time each chunk activity waits before it fetches (no virtual time passes): the fake runtime runs
    /// continuations on the thread pool, so a test about what an orchestrator asks before a chunk ends can hold chunks back.
    /// </summary>
    public TimeSpan ChunkDelay { get; set; }

    /// <summary>Most chunk weight ever running at once.</summary>
    public int MaxInFlight { get; private set; }

    /// <summary>Times a chunk started while more weight ran than the entity had open grants for.</summary>
    public List<string> Violations { get; } = [];

    public static async Task<SyncHarness> StartAsync(
        OrchestrationLimits? limits = null, Action<SimulatorOptions>? configure = null, Action<CandleFunctionsOptions>? settings = null)
    {
        var options = new SimulatorOptions();
        configure?.Invoke(options);
        var time = new FakeTimeProvider(Now);
        var simulator = await SimulatorHost.StartAsync(options, time: time);
        var root = Path.Combine(Path.GetTempPath(), "candle-functions-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return new SyncHarness(simulator, time, root, limits ?? new OrchestrationLimits(), settings);
    }

    public static DateTimeOffset At(string utc) =>
        DateTimeOffset.ParseExact(utc, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public Task<SyncSummary?> RunAsync(SyncInput input, string instanceId = "run1") =>
        Runtime.RunAsync<SyncInput, SyncSummary>(SyncOrchestrator.Name, instanceId, input);

    /// <summary>The entity's current state, as stored.</summary>
    public WeightBudgetEntityState? EntityState() =>
        FakeDurableRuntime.Deserialize<WeightBudgetEntityState>(Runtime.EntityStateJson(WeightBudgetEntity.Id));

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        _connections.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<ChunkSummary> FetchWatchedAsync(FetchChunkActivity fetch, ChunkWork work)
    {
        var weight = work.Pages.Sum(p => p.Weight);
        lock (_gate)
        {
            _inFlight += weight;
            MaxInFlight = Math.Max(MaxInFlight, _inFlight);
            var open = EntityState()?.Grants.Where(g => g.Open).Sum(g => g.Weight) ?? 0;
            if (_inFlight > open)
                Violations.Add($"{_inFlight} in flight with {open} granted at {Time.GetUtcNow():HH:mm:ss.fff} by {work.Symbol}#{work.ChunkIndex} state {Runtime.EntityStateJson(WeightBudgetEntity.Id)}");
        }
        try
        {
            if (ChunkDelay > TimeSpan.Zero)
                await Task.Delay(ChunkDelay);
            if (FailingSymbols.Contains(work.Symbol))
                throw new HttpRequestException("simulated connection reset");
            return await fetch.FetchAsync(work, CancellationToken.None);
        }
        finally
        {
            lock (_gate)
                _inFlight -= weight;
        }
    }
}
