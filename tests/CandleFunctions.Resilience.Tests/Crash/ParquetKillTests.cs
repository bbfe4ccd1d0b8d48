using BinanceSimulator.Hosting;
using CandleFunctions.Core.Candles;
using CandleFunctions.Resilience.Tests.Support;
using CandleFunctions.Storage.Local;
using CandleFunctions.Storage.Parquet;
using Xunit.Abstractions;

namespace CandleFunctions.Resilience.Tests.Crash;

/// <summary>
/// SIGKILL of a <c>--format both</c> sync at seeded random moments, while every commit rewrites the month file: each
/// month file is always a whole old or new file (it reads in full), and the resume ends with Parquet equal to the CSV.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ParquetKillTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Sigkill_mid_month_rewrite_leaves_every_month_file_whole_and_the_resume_matches_the_csv()
    {
        await using var simulator = await SimulatorHost.StartAsync(Scenario.Options(Scenario.FastWeightPerSecond));
        var random = new Random(1313);
        var kills = 0;
        for (var round = 0; round < 2; round++)
        {
            using var folder = new TempFolder();
            var data = folder["data"];
            var args = Scenario.SyncArgs(data, Scenario.WriteSymbolsFile(folder.Path), simulator.BaseUrl, "--format", "both");
            for (var k = 0; k < 2; k++)
                kills += await RunAndKillAsync(args, TimeSpan.FromMilliseconds(random.Next(600)), data, simulator);

            var final = await CandlesProcess.RunAsync(args, Generous);
            Assert.True(final.Code == 0, final.ToString());
            var verify = await InProcessCandles.RunAsync("verify", "--data", data);
            Assert.True(verify.Code == 0, verify.ToString());
            await AssertParquetEqualsCsvAsync(data);
        }
        output.WriteLine($"{kills} SIGKILLs landed mid-run out of 4 (2 fresh folders, two kills each, then a resume)");
    }

    private async Task<int> RunAndKillAsync(List<string> args, TimeSpan delay, string data, SimulatorHost simulator)
    {
        using var candles = CandlesProcess.Start(args);
        // Kill while month files are being rewritten: after the first one exists, at a seeded random moment.
        var root = Path.Combine(data, ParquetLayout.Root);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!candles.HasExited && waited.Elapsed < Generous
               && !(Directory.Exists(root) && Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories).Any()))
            await Task.Delay(10);
        await Task.Delay(delay);
        var landed = candles.HasExited ? 0 : 1;
        candles.Kill();
        var exit = await candles.WaitAsync(Generous);
        Assert.True(exit.Code is 0 or 137, exit.ToString());
        if (!Directory.Exists(data))
            return landed;
        Assert.Null(GroundTruth.CoveredRowsProblem(data, simulator.Market, Scenario.Symbols));
        var months = new LocalParquetMonthStore(data);
        var files = 0;
        foreach (var symbol in Scenario.Symbols)
        {
            // Reading a file in full checks its footer, schema and every page: a torn file cannot pass.
            foreach (var month in await months.ListMonthsAsync(symbol, CancellationToken.None))
            {
                await months.ReadMonthAsync(symbol, month, CancellationToken.None);
                files++;
            }
        }
        var verify = await InProcessCandles.RunAsync("verify", "--data", data, "--json");
        Assert.DoesNotMatch("\"issue\": \"(unreadableFile|unreadableLedger|badRow|outOfOrder|duplicate|impossiblePrices|negativeVolume|wrongMonth|formatsDiffer)\"", verify.Output);
        output.WriteLine($"  killed {delay.TotalMilliseconds:F0} ms after the first month file (exit {exit.Code}): {files} month files, all whole");
        return landed;
    }

    private static async Task AssertParquetEqualsCsvAsync(string data)
    {
        var csv = new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = data });
        var parquet = new ParquetCandleStore(new LocalParquetMonthStore(data));
        foreach (var symbol in Scenario.Symbols)
        {
            var fromCsv = await csv.ReadAsync(symbol, CancellationToken.None).ToListAsync();
            var fromParquet = await parquet.ReadAsync(symbol, CancellationToken.None).ToListAsync();
            Assert.All(fromParquet, c => Assert.NotNull(c.Extras));
            Assert.Equal(fromCsv, fromParquet.Select(c => c with { Extras = null }));
            Assert.Equal(fromCsv.Select(c => Text(c)), fromParquet.Select(c => Text(c)));
        }
    }

    private static string Text(Candle c) => FormattableString.Invariant($"{c.Timestamp:O} {c.Open} {c.High} {c.Low} {c.Close} {c.Volume}");
}
