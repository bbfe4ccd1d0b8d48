using Azure.Storage.Blobs;

namespace CandleFunctions.Stores;

/// <summary>
/// Creates the app's blob containers on first use (Azurite starts empty; in Azure the Bicep already made them), once
/// per process; a failed attempt is tried again by the next caller.
/// </summary>
public sealed class StorageSetup(IReadOnlyList<BlobContainerClient> containers)
{
    private readonly Lock _gate = new();
    private Task? _done;

    /// <summary>Nothing to create: the local folder store.</summary>
    public static StorageSetup None { get; } = new([]);

    /// <summary>Ensures every container exists.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_done is { IsCompletedSuccessfully: true } || _done is { IsCompleted: false })
                return _done;
            // Not tied to one caller's token: a cancelled caller must not fail the others waiting on the same task.
            _done = CreateAllAsync();
            return _done.WaitAsync(cancellationToken);
        }
    }

    private async Task CreateAllAsync()
    {
        foreach (var container in containers)
            await container.CreateIfNotExistsAsync();
    }
}
