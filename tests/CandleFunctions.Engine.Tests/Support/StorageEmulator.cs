using CandleFunctions.Storage.Azure.Tests.Support;

namespace CandleFunctions.Engine.Tests.Support;

/// <summary>
/// The repository's pinned Azurite serving blob, queue and table on three free loopback ports, in memory: the three
/// services the Durable Task engine's Azure Storage backend needs. One per test collection; each test uses its own task hub.
/// </summary>
public sealed class StorageEmulator : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    /// <summary>A connection string naming all three endpoints.</summary>
    public string ConnectionString =>
        (_azurite ?? throw new InvalidOperationException("Azurite has not started.")).ConnectionString;

    public async Task InitializeAsync() =>
        _azurite = await AzuriteProcess.StartAsync(RepositoryRoot.Path, queueAndTable: true, TimeSpan.FromSeconds(60));

    public Task DisposeAsync()
    {
        _azurite?.Dispose();
        return Task.CompletedTask;
    }
}
