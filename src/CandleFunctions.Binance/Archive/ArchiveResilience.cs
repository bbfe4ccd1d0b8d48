namespace CandleFunctions.Binance.Archive;

/// <summary>
/// The retry-with-backoff and per-attempt timeout every archive request runs under: a plain loop, as an archive run
/// sends thousands of requests (two per file) and a general resilience pipeline showed per request in its profile
/// (and in the JIT's work at start-up).
/// </summary>
internal sealed class ArchiveResilience(ArchiveOptions options, TimeProvider time)
{
    /// <summary>
    /// Runs <paramref name="attempt"/>; a transient failure (<see cref="IsTransient"/>) is tried again after an
    /// exponential, jittered delay, at most <see cref="ArchiveOptions.TransientRetries"/> times. Each attempt has
    /// <see cref="ArchiveOptions.AttemptTimeout"/> (body included); one that runs out ends with a
    /// <see cref="TimeoutException"/>, itself transient.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                return await AttemptAsync(attempt, cancellationToken);
            }
            catch (Exception e) when (retry < options.TransientRetries && IsTransient(e, cancellationToken))
            {
                // Below: wait, then try again.
            }
            await Task.Delay(Backoff(retry), time, cancellationToken);
        }
    }

    private async Task<T> AttemptAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await attempt(linked.Token);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"an archive request took longer than {options.AttemptTimeout.TotalSeconds:0.#} s", e);
        }
    }

    /// <summary>Before retry <paramref name="retry"/> (0 first): the base delay doubled each time, times 0.5-1.5.</summary>
    private TimeSpan Backoff(int retry) =>
        options.TransientRetryDelay * Math.Pow(2, Math.Min(retry, 16)) * (0.5 + Random.Shared.NextDouble());

    /// <summary>True for failures another attempt may not meet: 5xx, timeouts, dropped connections.</summary>
    public static bool IsTransient(Exception? exception, CancellationToken callerToken) => exception switch
    {
        null => false,
        ArchiveHttpException { IsTransient: true } => true,
        TimeoutException or HttpRequestException or IOException => true,
        // HttpClient's own timeout surfaces as a cancellation nobody asked for.
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };
}
