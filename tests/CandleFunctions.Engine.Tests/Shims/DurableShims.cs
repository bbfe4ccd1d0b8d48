using CandleFunctions.Activities;
using CandleFunctions.Engine.Tests.Support;
using CandleFunctions.Orchestration;
using CandleFunctions.Weight;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace CandleFunctions.Engine.Tests.Shims;

/// <summary>
/// What the Functions host would see of the app: one method per durable function, with the same name and trigger,
/// handing the engine's request to the app's real code the way the isolated worker does (orchestrators through
/// <see cref="GrpcOrchestrationRunner"/>, the entity through <see cref="GrpcEntityRunner"/>, activities through the
/// worker's data converter, their JSON handed back raw as the worker's JSON return value is). No logic of its own.
/// </summary>
public sealed class DurableShims(WorkerApp app)
{
    [FunctionName(SyncOrchestrator.Name)]
    public string SyncOrchestratorShim([OrchestrationTrigger] string request) =>
        GrpcOrchestrationRunner.LoadAndRun<SyncInput, Sync.Summary.SyncSummary>(request, async (context, input) => await SyncOrchestrator.RunAsync(context, input!), app.Services);

    [FunctionName(SymbolOrchestrator.Name)]
    public string SymbolOrchestratorShim([OrchestrationTrigger] string request) =>
        GrpcOrchestrationRunner.LoadAndRun<SymbolWork, SymbolSummary>(request, async (context, work) => await SymbolOrchestrator.RunAsync(context, work!), app.Services);

    [FunctionName(WeightBudgetEntity.Name)]
    public Task<string> WeightBudgetShim([EntityTrigger] string request) =>
        GrpcEntityRunner.LoadAndRunAsync(request, ActivatorUtilities.CreateInstance<WeightBudgetEntity>(app.Services), app.Services);

    [FunctionName(PlanSyncActivity.Name)]
    public Task<JRaw> PlanSyncShim([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        app.RunActivityAsync(PlanSyncActivity.Name, input, cancellationToken);

    [FunctionName(FetchEdgesActivity.Name)]
    public Task<JRaw> FetchEdgesShim([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        app.RunActivityAsync(FetchEdgesActivity.Name, input, cancellationToken);

    [FunctionName(FetchChunkActivity.Name)]
    public Task<JRaw> FetchChunkShim([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        app.RunActivityAsync(FetchChunkActivity.Name, input, cancellationToken);

    [FunctionName(MergeSymbolActivity.Name)]
    public Task<JRaw> MergeSymbolShim([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        app.RunActivityAsync(MergeSymbolActivity.Name, input, cancellationToken);

    [FunctionName(FetchArchiveFileActivity.Name)]
    public Task<JRaw> FetchArchiveFileShim([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        app.RunActivityAsync(FetchArchiveFileActivity.Name, input, cancellationToken);

    [FunctionName(PlanArchiveOnlyActivity.Name)]
    public Task<JRaw> PlanArchiveOnlyShim([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        app.RunActivityAsync(PlanArchiveOnlyActivity.Name, input, cancellationToken);

    /// <summary>Not a durable function: lets the test read the <c>[DurableClient]</c> payload the engine gives starters.</summary>
    [FunctionName(ClientPayloadFunction)]
    [NoAutomaticTrigger]
    public void ClientPayloadShim([DurableClient] string client) => app.ClientPayload = client;

    /// <summary>The name of the client-payload function.</summary>
    public const string ClientPayloadFunction = "ReadClientPayload";
}
