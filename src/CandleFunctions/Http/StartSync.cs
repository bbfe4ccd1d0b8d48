using System.Net;
using System.Text.Json;
using CandleFunctions.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace CandleFunctions.Http;

/// <summary><c>POST /api/sync</c>: validates the body like the CLI, schedules a <see cref="SyncOrchestrator"/> and answers 202 with the status URLs.</summary>
public sealed class StartSync(TimeProvider time)
{
    /// <summary>The function.</summary>
    [Function(nameof(StartSync))]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sync")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        var parsed = SyncRequestParser.Parse(await request.ReadAsStringAsync(), time.GetUtcNow());
        if (parsed.Input is not { } input)
        {
            var refused = request.CreateResponse(HttpStatusCode.BadRequest);
            refused.Headers.Add("Content-Type", "application/json; charset=utf-8");
            await refused.WriteStringAsync(JsonSerializer.Serialize(new { error = parsed.Error }), context.CancellationToken);
            return refused;
        }
        var instanceId = await client.ScheduleNewOrchestrationInstanceAsync(SyncOrchestrator.Name, input, context.CancellationToken);
        return await client.CreateCheckStatusResponseAsync(request, instanceId, context.CancellationToken);
    }
}
