using BinanceSimulator.Rest;
using BinanceSimulator.Rest.Faults;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Cli.Tests.Support;

namespace CandleFunctions.Cli.Tests.Faults;

public sealed class PersistentFaultTests
{
    [Fact]
    public async Task A_symbol_whose_requests_fail_after_every_retry_is_reported_failed_and_the_run_still_summarises()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("ETHUSDT", "BTCUSDT");
        File.WriteAllText(box.PathOf("eth.csv"), "token,binance_symbol\nETH,ETHUSDT\n");
        Assert.Equal(0, (await CandlesCommand.RunAsync(box.Time, CancellationToken.None,
            "sync", "--data", box.DataDirectory, "--symbols-file", box.PathOf("eth.csv"), "--start", "2026-11-20", "--end", "2026-11-21",
            "--api-url", box.Simulator.BaseUrl.ToString(), "--no-archive")).ExitCode);
        // ETHUSDT is up to date, so every klines request is BTCUSDT's first probe and its retries.
        box.Simulator.Rest.ForceNext(RestFault.UnknownError, 1 + new BinanceRestOptions().MaxTransientRetries, RestEndpoint.Klines);

        var run = await box.SyncAsync("2026-11-20", "2026-11-21");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("failed", run.Summary.Symbol("BTCUSDT").Status);
        Assert.Contains(run.Summary.Symbol("BTCUSDT").Errors, e => e.Contains("503"));
        Assert.Equal("upToDate", run.Summary.Symbol("ETHUSDT").Status);

        var rerun = await box.SyncAsync("2026-11-20", "2026-11-21");

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        box.AssertExact("BTCUSDT", Sandbox.Range("2026-11-20", "2026-11-21"));
    }
}
