using System.Net;
using System.Text.Json;
using CandleFunctions.Http;
using CandleFunctions.Orchestration;
using CandleFunctions.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace CandleFunctions.Tests.Http;

public sealed class StartSyncTests
{
    private readonly FakeDurableClient _client = new();
    private readonly FakeFunctionContext _context = new();
    private readonly StartSync _function = new(new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task A_valid_body_schedules_the_sync_orchestrator_and_answers_202_with_the_status_url()
    {
        var response = (FakeHttpResponse)await _function.RunAsync(new FakeHttpRequest(_context, """{"start": "2024-01-01", "maxSymbols": 3}"""), _client, _context);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (id, scheduled) = Assert.Single(_client.Instances);
        Assert.Equal(SyncOrchestrator.Name, scheduled.Name);
        Assert.Equal(3, ((SyncInput)scheduled.Input!).MaxSymbols);
        var body = JsonDocument.Parse(response.Text()).RootElement;
        Assert.Contains($"/runtime/webhooks/durabletask/instances/{id}", body.GetProperty("StatusQueryGetUri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_body_answers_400_with_the_reason_and_schedules_nothing()
    {
        var response = (FakeHttpResponse)await _function.RunAsync(new FakeHttpRequest(_context, """{"start": "2024-01-01", "maxSymbols": -2}"""), _client, _context);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("maxSymbols", JsonDocument.Parse(response.Text()).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(_client.Instances);
    }
}
