namespace CandleFunctions.Storage.Azure.Tests.Support;

/// <summary>A real Azurite Blob service (the repo's pinned npm package) on 127.0.0.1 and a free port, for the whole test run.</summary>
public sealed class AzuriteServer : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString =>
        (_azurite ?? throw new InvalidOperationException("Azurite has not started.")).ConnectionString;

    public async Task InitializeAsync() =>
        _azurite = await AzuriteProcess.StartAsync(RepoRoot.Find(), queueAndTable: false, TimeSpan.FromSeconds(30));

    public Task DisposeAsync()
    {
        _azurite?.Dispose();
        return Task.CompletedTask;
    }
}
