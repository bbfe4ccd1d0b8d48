using Azure.Core;
using Azure.Storage.Blobs;

namespace CandleFunctions.Storage.Azure.Blob;

/// <summary>Builds the container client from a connection string or an account URI and credential, with retries short enough to fail in seconds.</summary>
public static class BlobClientFactory
{
    /// <summary>The container client for <paramref name="options"/>; <paramref name="configure"/> may add pipeline policies (tests, benchmarks).</summary>
    /// <exception cref="BlobStoreException">The connection string cannot be used.</exception>
    public static BlobContainerClient CreateContainerClient(BlobCandleStoreOptions options, Action<BlobClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        BlobServiceClient service;
        try
        {
            service = new BlobServiceClient(options.ConnectionString, ClientOptions(options, configure));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
        {
            throw new BlobStoreException(null, $"the connection string is not valid ({e.Message.Split('\n', 2)[0].Trim()})", e);
        }
        return Container(service, options);
    }

    /// <summary>The container client of an identity-based account (<paramref name="serviceUri"/> is its blob endpoint); the connection string is ignored.</summary>
    public static BlobContainerClient CreateContainerClient(
        BlobCandleStoreOptions options, Uri serviceUri, TokenCredential credential, Action<BlobClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serviceUri);
        ArgumentNullException.ThrowIfNull(credential);
        options.ValidateTuning();
        return Container(new BlobServiceClient(serviceUri, credential, ClientOptions(options, configure)), options);
    }

    private static BlobClientOptions ClientOptions(BlobCandleStoreOptions options, Action<BlobClientOptions>? configure)
    {
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.RetryDelay * 8;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        configure?.Invoke(clientOptions);
        return clientOptions;
    }

    private static BlobContainerClient Container(BlobServiceClient service, BlobCandleStoreOptions options)
    {
        try
        {
            return service.GetBlobContainerClient(options.ContainerName);
        }
        catch (ArgumentException e)
        {
            throw new BlobStoreException(service.Uri, $"'{options.ContainerName}' is not a valid container name", e);
        }
    }
}
