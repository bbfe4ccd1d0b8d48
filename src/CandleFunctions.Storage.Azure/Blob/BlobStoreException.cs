namespace CandleFunctions.Storage.Azure.Blob;

/// <summary>Blob storage could not be used (bad connection string, unreachable endpoint, refused request); nothing local was changed by it.</summary>
public sealed class BlobStoreException : IOException
{
    public BlobStoreException(Uri? endpoint, string reason, Exception? innerException = null, bool reached = false)
        : base(
            endpoint is null ? $"cannot use blob storage: {reason}"
            : reached ? $"blob storage at {endpoint} refused a request: {reason}"
            : $"cannot reach blob storage at {endpoint}: {reason}",
            innerException)
    {
        Endpoint = endpoint;
        Reason = reason;
    }

    /// <summary>The account endpoint, when the connection string named one.</summary>
    public Uri? Endpoint { get; }

    /// <summary>What went wrong, in one line.</summary>
    public string Reason { get; }
}
