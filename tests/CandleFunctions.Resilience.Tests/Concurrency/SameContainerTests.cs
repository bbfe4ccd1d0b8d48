using Azure.Storage.Blobs;
using BinanceSimulator.Hosting;
using CandleFunctions.Cli;
using CandleFunctions.Resilience.Tests.Support;
using CandleFunctions.Storage.Azure.Tests.Support;

namespace CandleFunctions.Resilience.Tests.Concurrency;

/// <summary>Two syncs into one blob container at once (Azurite): no row is lost or interleaved, whichever commits first.</summary>
[Collection(ProcessCollection.Name)]
public sealed class SameContainerTests(ReferenceRun reference, AzuriteServer azurite) : IClassFixture<AzuriteServer>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Two_syncs_from_two_machines_into_one_container_both_finish_and_the_container_is_byte_identical_to_a_clean_run()
    {
        // Two machines: each its own IP, so each its own rate limit (two simulators of one market); one container.
        // Pacing is not what this test is about: with one-second windows, two processes, two simulators and Azurite
        // on two cores can delay a request past the governor's 250 ms clock margin into the next window (README, Rate limits).
        await using var exchangeOne = await SimulatorHost.StartAsync(Scenario.Options(Scenario.FastWeightPerSecond));
        await using var exchangeTwo = await SimulatorHost.StartAsync(Scenario.Options(Scenario.FastWeightPerSecond));
        using var folder = new TempFolder();
        var container = "resilience-" + Guid.NewGuid().ToString("N")[..12];
        var symbols = Scenario.WriteSymbolsFile(folder.Path);
        List<string> Args(string data, SimulatorHost exchange) =>
            Scenario.SyncArgs(data, symbols, exchange.BaseUrl, "--blob-connection", azurite.ConnectionString, "--blob-container", container);

        using var first = CandlesProcess.Start(Args(folder["one"], exchangeOne));
        using var second = CandlesProcess.Start(Args(folder["two"], exchangeTwo));
        var exits = await Task.WhenAll(first.WaitAsync(Generous), second.WaitAsync(Generous));

        Assert.All(exits, e => Assert.True(e.Code == 0, e.ToString()));
        Assert.Null((await ContainerSnapshotAsync(container)).Difference(reference.Snapshot));
        foreach (var data in new[] { folder["one"], folder["two"] })
            Assert.Null(GroundTruth.CoveredRowsProblem(data, exchangeOne.Market, Scenario.Symbols));

        // Each mirror catches up with what the other process wrote on its next run, without fetching anything.
        foreach (var data in new[] { folder["one"], folder["two"] })
        {
            var again = await CandlesProcess.RunAsync(Args(data, exchangeOne), Generous);
            Assert.True(again.Code == 0, again.ToString());
            Assert.Contains("4 symbols: 0 synced, 4 up to date", again.Output, StringComparison.Ordinal);
            Assert.Null(DataSnapshot.Of(data).Difference(reference.Snapshot));
        }
    }

    [Fact]
    public async Task Two_syncs_on_one_folder_and_one_container_one_refuses_and_the_container_is_byte_identical_to_a_clean_run()
    {
        await using var simulator = await SimulatorHost.StartAsync(Scenario.Options(Scenario.MediumWeightPerSecond));
        using var folder = new TempFolder();
        var container = "resilience-" + Guid.NewGuid().ToString("N")[..12];
        var args = Scenario.SyncArgs(folder["data"], Scenario.WriteSymbolsFile(folder.Path), simulator.BaseUrl,
            "--blob-connection", azurite.ConnectionString, "--blob-container", container);

        using var first = CandlesProcess.Start(args);
        using var second = CandlesProcess.Start(args);
        var exits = await Task.WhenAll(first.WaitAsync(Generous), second.WaitAsync(Generous));

        Assert.Single(exits, e => e.Code == 0);
        var refused = Assert.Single(exits, e => e.Code != 0);
        Assert.Equal(ExitCodes.SomeFailed, refused.Code);
        Assert.Contains("Another candles sync is using", refused.Error, StringComparison.Ordinal);
        Assert.Null((await ContainerSnapshotAsync(container)).Difference(reference.Snapshot));
        Assert.Null(DataSnapshot.Of(folder["data"]).Difference(reference.Snapshot));
    }

    private async Task<DataSnapshot> ContainerSnapshotAsync(string container)
    {
        var client = new BlobContainerClient(azurite.ConnectionString, container);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var blob in client.GetBlobsAsync())
            files[blob.Name] = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
        return DataSnapshot.FromFiles(files);
    }
}
