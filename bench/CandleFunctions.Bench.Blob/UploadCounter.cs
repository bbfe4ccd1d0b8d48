using Azure.Core;
using Azure.Core.Pipeline;

namespace CandleFunctions.Bench.Blob;

/// <summary>Counts the request bodies a client sends.</summary>
internal sealed class UploadCounter : HttpPipelinePolicy
{
    private long _bytes;
    private long _requests;

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Requests => Interlocked.Read(ref _requests);

    public void Reset()
    {
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _requests, 0);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        Interlocked.Increment(ref _requests);
        if (message.Request.Content is { } content && content.TryComputeLength(out var length))
            Interlocked.Add(ref _bytes, length);
    }
}
