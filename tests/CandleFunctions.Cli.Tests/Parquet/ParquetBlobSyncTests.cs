using Azure.Storage.Blobs;
using CandleFunctions.Cli.Tests.Support;
using CandleFunctions.Storage.Azure.Tests.Support;

namespace CandleFunctions.Cli.Tests.Parquet;

/// <summary><c>--format both</c> with <c>--blob-connection</c> (Azurite): the month files are blobs, the folder mirrors them.</summary>
public sealed class ParquetBlobSyncTests(AzuriteServer azurite) : IClassFixture<AzuriteServer>
{
    [Fact]
    public async Task A_both_sync_into_a_container_writes_month_blobs_that_the_folder_mirrors_and_duckdb_reads_as_the_csv()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("ETHUSDT");
        var container = "parquet-" + Guid.NewGuid().ToString("N")[..12];
        string[] blob = ["--format", "both", "--blob-connection", azurite.ConnectionString, "--blob-container", container];

        var run = await box.SyncAsync("2026-10-31 12:00", "2026-11-01 12:00", blob);
        var again = await box.SyncAsync("2026-10-31 12:00", "2026-11-01 12:00", blob);

        Assert.True(run.ExitCode == 0, run.ToString());
        var client = new BlobContainerClient(azurite.ConnectionString, container);
        var names = client.GetBlobs().Select(b => b.Name).Where(n => n.StartsWith("parquet/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["parquet/symbol=ETHUSDT/_ledger.json", "parquet/symbol=ETHUSDT/month=2026-10.parquet", "parquet/symbol=ETHUSDT/month=2026-11.parquet"],
            names);
        foreach (var name in names)
            Assert.Equal(client.GetBlobClient(name).DownloadContent().Value.Content.ToArray(), File.ReadAllBytes(Path.Combine(box.DataDirectory, name)));
        Assert.Equal(DuckDb.ReadCsv(box.CsvPath("ETHUSDT")),
            DuckDb.ReadParquet(box.DataDirectory).Select(r => (r.OpenTime, r.Open, r.High, r.Low, r.Close, r.Volume)));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(again.Summary.Symbol("ETHUSDT").RangesFetched);
    }
}
