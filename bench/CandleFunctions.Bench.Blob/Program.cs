using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using CandleFunctions.Bench.Blob;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Azure.Blob;
using CandleFunctions.Storage.Azure.Tests.Support;

// Usage: dotnet run --project bench/CandleFunctions.Bench.Blob -c Release [-- --connection STRING] [--runs N]
// Without --connection it starts the repo's Azurite (npm ci first). Figures are printed, never asserted.
var connection = Arg("--connection");
var runs = int.Parse(Arg("--runs") ?? "5", CultureInfo.InvariantCulture);
using var azurite = connection is null ? await AzuriteProcess.StartAsync(RepoRoot.Find(), queueAndTable: false, TimeSpan.FromSeconds(30)) : null;
connection ??= azurite!.ConnectionString;

const string symbol = "BTCUSDT";
var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
var year = Candles(start, 365 * 1440);
var counter = new UploadCounter();
var options = new BlobCandleStoreOptions { ConnectionString = connection, ContainerName = "bench-" + Guid.NewGuid().ToString("N")[..12] };
var store = BlobCandleStore.Connect(options, o => o.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry));
await store.EnsureContainerAsync(CancellationToken.None);

var watch = Stopwatch.StartNew();
await store.CommitAsync(symbol, year, Cover(start, year.Count), CancellationToken.None);
Console.WriteLine($"one year ({year.Count:N0} candles) created: {counter.Bytes / 1e6:F1} MB uploaded in {watch.Elapsed.TotalMilliseconds:F0} ms");

var appendBytes = new List<long>();
var appendRequests = new List<long>();
var appendTimes = new List<double>();
var fullBytes = new List<long>();
var fullTimes = new List<double>();
var container = BlobClientFactory.CreateContainerClient(options, o => o.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry));
var next = start.AddMinutes(year.Count);
for (var run = 0; run < runs; run++)
{
    var day = Candles(next, 1440);
    counter.Reset();
    watch.Restart();
    var result = await store.CommitAsync(symbol, day, Cover(next, day.Count), CancellationToken.None);
    appendTimes.Add(watch.Elapsed.TotalMilliseconds);
    appendBytes.Add(counter.Bytes);
    appendRequests.Add(counter.Requests);
    if (!result.Appended)
        throw new InvalidOperationException("the day was not appended");
    next = next.AddDays(1);

    // The naive alternative: upload the whole file again (what a store without blocks must do).
    var content = (await container.GetBlobClient(BlobCandleStore.DataBlobName(symbol)).DownloadContentAsync()).Value.Content;
    var copy = container.GetBlobClient($"full-{run}.csv");
    counter.Reset();
    watch.Restart();
    await copy.UploadAsync(content, overwrite: true);
    fullTimes.Add(watch.Elapsed.TotalMilliseconds);
    fullBytes.Add(counter.Bytes);
}
await container.DeleteIfExistsAsync();

Console.WriteLine($"append one day by blocks:  {Median(appendBytes) / 1e3,10:F1} kB uploaded, median {Median(appendTimes),7:F1} ms over {runs} runs ({Median(appendRequests)} requests, data and ledger)");
Console.WriteLine($"full re-upload of the file: {Median(fullBytes) / 1e3,10:F1} kB uploaded, median {Median(fullTimes),7:F1} ms over {runs} runs");
Console.WriteLine($"ratio: {Median(fullBytes) / (double)Median(appendBytes):F0}x fewer bytes, {Median(fullTimes) / Median(appendTimes):F1}x faster");
return 0;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static List<Candle> Candles(DateTimeOffset from, int count) =>
    Enumerable.Range(0, count).Select(i =>
    {
        var price = 42000m + (i % 997) * 0.1m;
        return new Candle("BTCUSDT", from.AddMinutes(i), price, price + 12.5m, price - 8.3m, price + 1.1m, 123.456m + i % 89);
    }).ToList();

static CoverageSet Cover(DateTimeOffset from, int minutes) => CoverageSet.Of(new UtcRange(from, from.AddMinutes(minutes)));

static T Median<T>(List<T> values) => values.Order().ElementAt(values.Count / 2);
