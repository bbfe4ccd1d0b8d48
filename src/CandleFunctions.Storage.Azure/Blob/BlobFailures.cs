using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Azure;

namespace CandleFunctions.Storage.Azure.Blob;

/// <summary>Turns the SDK's failures into a one-line <see cref="BlobStoreException"/>, and recognises lost races.</summary>
internal static class BlobFailures
{
    /// <summary>True when a conditional request failed because another writer changed the blob first.</summary>
    public static bool IsConflict(RequestFailedException e) =>
        e.Status is 409 or 412 || e.ErrorCode is "InvalidBlockList" or "BlobAlreadyExists" or "ConditionNotMet";

    /// <summary>True when the blob (or its container) does not exist.</summary>
    public static bool IsNotFound(RequestFailedException e) => e.Status == 404;

    /// <summary>Runs <paramref name="action"/>, translating transport and service failures.</summary>
    public static async Task<T> GuardAsync<T>(Uri endpoint, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (Translate(endpoint, e, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Streams <paramref name="source"/>, translating transport and service failures.</summary>
    public static async IAsyncEnumerable<T> GuardAsync<T>(
        Uri endpoint,
        IAsyncEnumerable<T> source,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var items = source.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await items.MoveNextAsync())
                    yield break;
            }
            catch (Exception e) when (Translate(endpoint, e, cancellationToken) is { } translated)
            {
                throw translated;
            }
            yield return items.Current;
        }
    }

    /// <summary>The store's exception for <paramref name="e"/>, or null when it should pass through unchanged.</summary>
    public static BlobStoreException? Translate(Uri endpoint, Exception e, CancellationToken cancellationToken) =>
        e switch
        {
            BlobStoreException => null,
            OperationCanceledException when cancellationToken.IsCancellationRequested => null,
            RequestFailedException { Status: > 0 } failed => new BlobStoreException(endpoint, $"{failed.Status} {failed.ErrorCode ?? FirstLine(failed.Message)}", e, reached: true),
            AggregateException aggregate => new BlobStoreException(endpoint, $"{Innermost(aggregate)} (after {aggregate.InnerExceptions.Count} tries)", e),
            RequestFailedException or HttpRequestException or SocketException or TimeoutException or OperationCanceledException =>
                new BlobStoreException(endpoint, Innermost(e), e),
            _ => null,
        };

    private static string Innermost(Exception e)
    {
        while (true)
        {
            if (e is AggregateException { InnerExceptions.Count: > 0 } aggregate)
                e = aggregate.InnerExceptions[^1];
            else if (e.InnerException is { } inner)
                e = inner;
            else
                return FirstLine(e.Message);
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
