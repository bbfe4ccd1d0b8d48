using BinanceSimulator.Rest.Faults;
using CandleFunctions.Cli.Tests.Support;
using Xunit.Abstractions;

namespace CandleFunctions.Cli.Tests.Faults;

/// <summary>
/// Slow responses are left out: the CLI has no option for the client's attempt timeout (15 s by default),
/// so provoking one would make the test slow.
/// </summary>
public sealed class TransientFaultTests(ITestOutputHelper output)
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"];

    [Theory]
    [InlineData(7)]
    [InlineData(42)]
    public async Task With_five_percent_mixed_faults_the_output_is_complete_and_exact_and_retries_are_reported(int seed)
    {
        await using var box = await Sandbox.StartAsync(o =>
        {
            o.Rest.Faults.Seed = seed;
            o.Rest.Faults.ServiceUnavailableRate = 0.0125;
            o.Rest.Faults.UnknownErrorRate = 0.0125;
            o.Rest.Faults.DropConnectionRate = 0.0125;
            o.Rest.Faults.TruncatedBodyRate = 0.0125;
        });
        box.WriteSymbols(Symbols);

        var run = await box.SyncAsync("2026-11-12", "2026-11-20");

        Assert.True(run.ExitCode == 0, run.ToString());
        var counters = box.Simulator.Counters;
        output.WriteLine($"seed {seed}: {counters.TotalRequests} requests, faults: "
                         + string.Join(", ", Enum.GetValues<RestFault>().Select(f => $"{f} {counters.Faults(f)}"))
                         + $"; retries reported {run.Summary.TransientRetries}; {run.Summary.Root.GetProperty("elapsedSeconds")} s");
        Assert.True(counters.FaultsInjected >= 3, "the seed should inject several faults");
        // Every 503 and truncated body costs one retry; a dropped connection may instead be retried inside the HTTP handler.
        var seenByClient = counters.Faults(RestFault.ServiceUnavailable) + counters.Faults(RestFault.UnknownError) + counters.Faults(RestFault.TruncatedBody);
        Assert.InRange(run.Summary.TransientRetries, Math.Max(1, seenByClient), counters.FaultsInjected);
        Assert.All(run.Summary.Symbols, s => Assert.Empty(s.Errors));
        foreach (var symbol in Symbols)
            box.AssertExact(symbol, Sandbox.Range("2026-11-12", "2026-11-20"));
    }
}
