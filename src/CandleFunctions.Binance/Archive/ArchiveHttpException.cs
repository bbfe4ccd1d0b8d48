using System.Net;

namespace CandleFunctions.Binance.Archive;

/// <summary>An unexpected HTTP status from the archive; transient ones (5xx, 408, 429) are retried with backoff.</summary>
public sealed class ArchiveHttpException : Exception
{
    public ArchiveHttpException()
    {
    }

    public ArchiveHttpException(string message)
        : base(message)
    {
    }

    public ArchiveHttpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ArchiveHttpException(HttpStatusCode status, Uri url)
        : base($"HTTP {(int)status} {status} from {url}") => Status = status;

    /// <summary>The status the archive answered with, when there was one.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>True when a later attempt may well succeed.</summary>
    public bool IsTransient => Status is { } status && ((int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
}
