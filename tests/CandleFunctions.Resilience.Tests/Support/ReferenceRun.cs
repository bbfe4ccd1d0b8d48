using BinanceSimulator.Hosting;

namespace CandleFunctions.Resilience.Tests.Support;

/// <summary>One clean, uninterrupted run of the <see cref="Scenario"/> (real process, fast simulator): the bytes every other run must end with.</summary>
public sealed class ReferenceRun : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public DataSnapshot Snapshot { get; private set; } = null!;

    public CandlesExit Exit { get; private set; } = null!;

    /// <summary>The clean run's data folder (read only: tests copy, never change it).</summary>
    public string DataFolder => _folder["data"];

    public async Task InitializeAsync()
    {
        await using var simulator = await SimulatorHost.StartAsync(Scenario.Options(Scenario.FastWeightPerSecond));
        var symbols = Scenario.WriteSymbolsFile(_folder.Path);
        Exit = await CandlesProcess.RunAsync(Scenario.SyncArgs(DataFolder, symbols, simulator.BaseUrl), TimeSpan.FromSeconds(60));
        if (Exit.Code != 0)
            throw new InvalidOperationException($"the reference run failed: {Exit}");
        Snapshot = DataSnapshot.Of(DataFolder);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
