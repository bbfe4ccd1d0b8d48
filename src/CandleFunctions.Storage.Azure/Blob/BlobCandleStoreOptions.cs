namespace CandleFunctions.Storage.Azure.Blob;

/// <summary>Where <see cref="BlobCandleStore"/> keeps candles and how patiently it talks to the service.</summary>
public sealed class BlobCandleStoreOptions
{
    /// <summary>An Azure Storage connection string; <c>UseDevelopmentStorage=true</c> means Azurite on its default ports.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The container holding <c>SYMBOL.csv</c> and <c>SYMBOL.ledger.json</c>; created when missing.</summary>
    /// <value>Defaults to <c>candles</c>.</value>
    public string ContainerName { get; set; } = "candles";

    /// <summary>How many times the SDK retries a failed request.</summary>
    /// <value>Defaults to 3 (the SDK's own default retries for minutes against an unreachable endpoint).</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First delay between retries; later ones back off exponentially.</summary>
    /// <value>Defaults to 0.5 seconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>How long one request may take before it is abandoned and retried.</summary>
    /// <value>Defaults to 100 seconds.</value>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Largest block staged in one request when a blob is written.</summary>
    /// <value>Defaults to 4 MiB.</value>
    public int BlockSize { get; set; } = 4 << 20;

    /// <summary>Committed blocks a blob may reach by appends before the next commit rewrites it compactly.</summary>
    /// <value>Defaults to 10,000 (the service allows 50,000).</value>
    public int MaxBlocks { get; set; } = 10_000;

    /// <summary>How many times a commit that lost a race (the ETag changed) re-reads, merges and retries.</summary>
    /// <value>Defaults to 20.</value>
    public int MaxCommitAttempts { get; set; } = 20;

    /// <summary>Throws when the options cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw new ArgumentException("BlobCandleStoreOptions.ConnectionString must be set.");
        ValidateTuning();
    }

    /// <summary>Throws when a setting other than the connection string cannot work (identity-based clients have none).</summary>
    public void ValidateTuning()
    {
        if (string.IsNullOrWhiteSpace(ContainerName))
            throw new ArgumentException("BlobCandleStoreOptions.ContainerName must name a container.");
        if (MaxRetries < 0 || RetryDelay < TimeSpan.Zero || NetworkTimeout <= TimeSpan.Zero)
            throw new ArgumentException("BlobCandleStoreOptions retry settings must be non-negative and the network timeout positive.");
        if (BlockSize < 1024 || BlockSize > 100 << 20)
            throw new ArgumentException("BlobCandleStoreOptions.BlockSize must be between 1 KiB and 100 MiB.");
        if (MaxBlocks < 2 || MaxBlocks > 50_000 || MaxCommitAttempts < 1)
            throw new ArgumentException("BlobCandleStoreOptions.MaxBlocks must be 2-50,000 and MaxCommitAttempts at least 1.");
    }
}
