using System.Text.Json;
using BinanceSimulator.Hosting;
using BinanceSimulator.Rest.Faults;
using CandleFunctions.Resilience.Tests.Support;
using Xunit.Abstractions;

namespace CandleFunctions.Resilience.Tests.Faults;

/// <summary>A soak against a simulator that fails about 5% of requests (every endpoint) in every way it knows, cut bodies of both kinds included: the output is still complete and exact.</summary>
[Collection(ProcessCollection.Name)]
public sealed class FaultSoakTests(ReferenceRun reference, ITestOutputHelper output)
{
    [Fact]
    public async Task Five_percent_mixed_faults_still_give_byte_identical_files_after_retries()
    {
        long retries = 0, requests = 0, faults = 0;
        var kinds = new Dictionary<RestFault, long>();
        // Four seeds, four fresh folders: about 370 klines requests in all.
        foreach (var seed in new[] { 11, 22, 33, 44 })
        {
            var options = Scenario.Options(400, new FaultOptions
            {
                Seed = seed,
                KlinesOnly = false,
                ServiceUnavailableRate = 0.008,
                UnknownErrorRate = 0.008,
                DropConnectionRate = 0.008,
                SlowResponseRate = 0.008,
                TruncatedBodyRate = 0.009,
                CutBodyRate = 0.009,
                UndecodableBodyRate = 0.009,
                SlowResponseDelay = TimeSpan.FromSeconds(3),
            });
            await using var simulator = await SimulatorHost.StartAsync(options);
            using var folder = new TempFolder();
            var args = Scenario.SyncArgs(folder["data"], Scenario.WriteSymbolsFile(folder.Path), simulator.BaseUrl, "--json", "--request-timeout", "1");

            var exit = await CandlesProcess.RunAsync(args, TimeSpan.FromSeconds(120));

            Assert.True(exit.Code == 0, exit.ToString());
            Assert.Null(DataSnapshot.Of(folder["data"]).Difference(reference.Snapshot));
            using var summary = JsonDocument.Parse(exit.Output);
            retries += summary.RootElement.GetProperty("transientRetries").GetInt64();
            requests += simulator.Counters.TotalRequests;
            faults += simulator.Counters.FaultsInjected;
            foreach (var kind in Enum.GetValues<RestFault>())
                kinds[kind] = kinds.GetValueOrDefault(kind) + simulator.Counters.Faults(kind);
        }

        output.WriteLine($"{requests} requests, {faults} faults injected ({string.Join(", ", kinds.Where(k => k.Value > 0).Select(k => $"{k.Key} {k.Value}"))}), {retries} retries by the client");
        Assert.True(faults >= 5, $"only {faults} faults were injected: the soak proves little");
        Assert.True(kinds[RestFault.CutBody] >= 1 && kinds[RestFault.TruncatedBody] >= 1, "both kinds of cut body must be in the mix");
        // Every injected fault costs the client at least one retry (a slow response, one timed-out attempt).
        Assert.True(retries >= faults, $"{retries} retries for {faults} faults");
    }
}
