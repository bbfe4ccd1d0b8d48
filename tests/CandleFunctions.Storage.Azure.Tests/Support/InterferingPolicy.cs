using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CandleFunctions.Storage.Azure.Tests.Support;

/// <summary>
/// Runs another writer just before this client's first block-list commit (or just after it, with
/// <paramref name="afterCommit"/>), and records every response status.
/// </summary>
public sealed class InterferingPolicy(Func<Task> interfere, bool afterCommit = false) : HttpPipelinePolicy
{
    private int _fired;

    public ConcurrentQueue<int> Statuses { get; } = new();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var fire = IsBlockListCommit(message) && Interlocked.Exchange(ref _fired, 1) == 0;
        if (fire && !afterCommit)
            await interfere();
        await ProcessNextAsync(message, pipeline);
        Statuses.Enqueue(message.Response.Status);
        if (fire && afterCommit)
            await interfere();
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Statuses.Enqueue(message.Response.Status);
    }

    private static bool IsBlockListCommit(HttpMessage message) =>
        message.Request.Method == RequestMethod.Put && message.Request.Uri.Query.Contains("comp=blocklist", StringComparison.Ordinal);
}
