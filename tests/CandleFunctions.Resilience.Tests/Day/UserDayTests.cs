using System.Globalization;
using System.Text.Json;
using BinanceSimulator.Hosting;
using BinanceSimulator.Rest;
using BinanceSimulator.Rest.Faults;
using BinanceSimulator.Rest.RateLimiting;
using CandleFunctions.Cli.Tests.Support;
using CandleFunctions.Core.Candles;
using CandleFunctions.Resilience.Tests.Support;
using CandleFunctions.Storage.Ledger;
using Xunit.Abstractions;

namespace CandleFunctions.Resilience.Tests.Day;

/// <summary>
/// Several ordinary troubles at once, as a user's first day brings them: a data folder the old notebook wrote (Sydney
/// time, open candles, repeated minutes, a hole), a bot spending part of every window on the same IP, a proxy that
/// cuts bodies and mangles their encoding, and a run killed mid-way. Each is tested alone elsewhere; here they meet.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class UserDayTests(ReferenceRun reference, ITestOutputHelper output)
{
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(240);

    [Fact]
    public async Task A_notebook_folder_a_bot_on_the_ip_a_mangling_proxy_and_a_kill_end_in_exact_files_without_a_418_and_a_quiet_second_run()
    {
        var options = Scenario.Windowed(240, 6, new NeighbourOptions { Share = 0.3 }, new FaultOptions
        {
            Seed = 7,
            KlinesOnly = false,
            ServiceUnavailableRate = 0.01,
            TruncatedBodyRate = 0.01,
            CutBodyRate = 0.01,
            UndecodableBodyRate = 0.01,
        });
        await using var simulator = await SimulatorHost.StartAsync(options);
        using var folder = new TempFolder();
        var data = folder["data"];
        WriteNotebookFiles(simulator, data);
        var args = Scenario.SyncArgs(data, Scenario.WriteSymbolsFile(folder.Path), simulator.BaseUrl, "--json");

        // Killed once it is comparing the notebook's rows with the exchange or fetching: the next run must finish the job.
        using (var killed = CandlesProcess.Start(args))
        {
            while (simulator.Counters.Requests(RestEndpoint.Klines) < 8 && !killed.HasExited)
                await Task.Delay(10);
            killed.Kill();
            await killed.WaitAsync(Patient);
        }
        var resumed = await CandlesProcess.RunAsync(args, Patient);
        var klinesAfterResume = simulator.Counters.Requests(RestEndpoint.Klines);
        var again = await CandlesProcess.RunAsync(args, Patient);

        output.WriteLine($"{simulator.Counters.TotalRequests} requests, {simulator.Counters.FaultsInjected} faults, "
                         + $"{simulator.Counters.TooManyRequests} 429s to us, neighbour refused {simulator.Rest.NeighbourStarved} weight, {simulator.Counters.Banned} 418s");
        Assert.True(resumed.Code == 0, resumed.ToString());
        Assert.True(again.Code == 0, again.ToString());
        Assert.Equal(0, simulator.Counters.Banned);
        Assert.True(simulator.Counters.MaxWindowWeight <= 240, $"a window held {simulator.Counters.MaxWindowWeight} of 240");
        foreach (var symbol in Scenario.Symbols)
        {
            // Adopted rows keep the notebook's float text (1.1 for the exchange's 1.100): equal values, as the issue allows.
            var stored = Values(Path.Combine(data, symbol + ".csv"));
            var expected = Values(Path.Combine(reference.DataFolder, symbol + ".csv"));
            var differ = expected.Zip(stored).Where(p => p.First != p.Second).Take(3).Select(p => $"{p.Second} instead of {p.First}");
            Assert.True(expected.SequenceEqual(stored), $"{symbol}: {stored.Count} rows, expected {expected.Count}; {string.Join("; ", differ)}\n{resumed.Output}");
        }
        foreach (var symbol in Scenario.Symbols)
        {
            var ledger = Path.Combine(data, symbol + ".ledger.json");
            Assert.True(CoverageLedger.Parse(File.ReadAllText(ledger), ledger, symbol).Covers(Scenario.Range), $"{symbol}'s ledger does not cover the range");
        }
        // The second run of the day trusts what the first verified: no candle is fetched again.
        Assert.Equal(klinesAfterResume, simulator.Counters.Requests(RestEndpoint.Klines));
        using var summary = JsonDocument.Parse(again.Output);
        Assert.Equal(0, summary.RootElement.GetProperty("symbols").EnumerateArray().Sum(s => s.GetProperty("candlesAdded").GetInt64()));
    }

    /// <summary>
    /// BTCUSDT from a machine in Sydney over the first five days, its second run going on at the minute after the first
    /// run's open candle (the sample reaches it, so the rows it cannot vouch for are fetched again); ETHUSDT in UTC over
    /// the first three, its runs two hours apart. No ledgers.
    /// </summary>
    private static void WriteNotebookFiles(SimulatorHost simulator, string data)
    {
        var start = Scenario.Range.Start;
        new NotebookFile
        {
            Zone = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney"),
            RunEnds = [start.AddDays(2.5), start.AddDays(5)],
            Holes = [new UtcRange(start.AddDays(3).AddHours(5), start.AddDays(3).AddHours(5.5))],
        }.Write(Path.Combine(data, "BTCUSDT.csv"), Truth(simulator, "BTCUSDT", new UtcRange(start, start.AddDays(5))));
        new NotebookFile { RunEnds = [start.AddDays(1.75), start.AddDays(3)], Holes = [new UtcRange(start.AddDays(1.75), start.AddDays(1.75).AddHours(2))] }
            .Write(Path.Combine(data, "ETHUSDT.csv"), Truth(simulator, "ETHUSDT", new UtcRange(start, start.AddDays(3))));
    }

    private static List<StoredRow> Truth(SimulatorHost simulator, string symbol, UtcRange range) =>
        simulator.Market.ClosedTradedCandles(symbol, range, DateTimeOffset.UtcNow)
            .Select(c => new StoredRow(
                DateTimeOffset.FromUnixTimeMilliseconds(c.OpenTime),
                decimal.Parse(c.Open, CultureInfo.InvariantCulture), decimal.Parse(c.High, CultureInfo.InvariantCulture),
                decimal.Parse(c.Low, CultureInfo.InvariantCulture), decimal.Parse(c.Close, CultureInfo.InvariantCulture),
                decimal.Parse(c.Volume, CultureInfo.InvariantCulture)))
            .ToList();

    private static List<StoredRow> Values(string csv) =>
        File.ReadLines(csv).Skip(1).Select(line => line.Split(',')).Select(f => new StoredRow(
            DateTimeOffset.ParseExact(f[0], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            decimal.Parse(f[1], CultureInfo.InvariantCulture), decimal.Parse(f[2], CultureInfo.InvariantCulture),
            decimal.Parse(f[3], CultureInfo.InvariantCulture), decimal.Parse(f[4], CultureInfo.InvariantCulture),
            decimal.Parse(f[5], CultureInfo.InvariantCulture))).ToList();
}
