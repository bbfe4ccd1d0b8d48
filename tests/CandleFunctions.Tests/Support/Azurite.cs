using CandleFunctions.Storage.Azure.Tests.Support;

namespace CandleFunctions.Tests.Support;

/// <summary>The repository's pinned Azurite serving blobs on 127.0.0.1 and a free port, shared by a test collection.</summary>
public sealed class Azurite : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    /// <summary>A connection string for the emulator's blob endpoint.</summary>
    public string ConnectionString =>
        (_azurite ?? throw new InvalidOperationException("Azurite has not started.")).ConnectionString;

    public async Task InitializeAsync() =>
        _azurite = await AzuriteProcess.StartAsync(RepositoryRoot.Path, queueAndTable: false, TimeSpan.FromSeconds(30));

    public Task DisposeAsync()
    {
        _azurite?.Dispose();
        return Task.CompletedTask;
    }
}
