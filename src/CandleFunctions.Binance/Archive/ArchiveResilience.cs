using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CandleFunctions.Binance.Archive;

/// <summary>The retry-with-backoff and per-attempt timeout every archive request runs under.</summary>
internal static class ArchiveResilience
{
    public static ResiliencePipeline Create(ArchiveOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.TransientRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.TransientRetries,
                Delay = options.TransientRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception, args.Context.CancellationToken)),
            });
        }
        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>True for failures another attempt may not meet: 5xx, timeouts, dropped connections.</summary>
    public static bool IsTransient(Exception? exception, CancellationToken callerToken) => exception switch
    {
        null => false,
        ArchiveHttpException { IsTransient: true } => true,
        TimeoutRejectedException or HttpRequestException or IOException => true,
        // HttpClient's own timeout surfaces as a cancellation nobody asked for.
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };
}
