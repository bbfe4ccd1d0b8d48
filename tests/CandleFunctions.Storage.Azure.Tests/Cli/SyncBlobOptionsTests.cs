using CandleFunctions.Cli;
using CandleFunctions.Storage.Azure.Blob;

namespace CandleFunctions.Storage.Azure.Tests.Cli;

/// <summary>The sync command with --blob-connection when blob storage cannot be used: one line, exit 1, local data untouched.</summary>
public sealed class SyncBlobOptionsTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "candles-blob-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly string _csv;

    public SyncBlobOptionsTests()
    {
        Directory.CreateDirectory(_data);
        File.WriteAllText(Path.Combine(_data, "filtered_tokens.csv"), "binance_symbol\nBTCUSDT\n");
        _csv = Path.Combine(_data, "BTCUSDT.csv");
        File.WriteAllText(_csv, "timestamp,open,high,low,close,volume\n2024-01-01 00:00:00,1,2,0.5,1.5,10\n");
    }

    [Fact]
    public async Task Sync_UnreachableBlobEndpoint_ExitsOneWithOneLineAndTouchesNothing()
    {
        var before = Snapshot();
        var connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;";

        var (code, error) = await RunAsync("--blob-connection", connection);

        Assert.Equal(ExitCodes.SomeFailed, code);
        Assert.StartsWith("candles: cannot reach blob storage at http://127.0.0.1:1/devstoreaccount1: ", error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Sync_MalformedConnectionString_ExitsOneWithOneLineAndTouchesNothing()
    {
        var before = Snapshot();

        var (code, error) = await RunAsync("--blob-connection", "this is not a connection string");

        Assert.Equal(ExitCodes.SomeFailed, code);
        Assert.StartsWith("candles: cannot use blob storage: the connection string is not valid", error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Sync_BadContainerName_IsAUsageError()
    {
        var (code, error) = await RunAsync("--blob-connection", "UseDevelopmentStorage=true", "--blob-container", "Not_Valid");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--blob-container 'Not_Valid'", error);
    }

    [Fact]
    public void Connect_DevelopmentStorage_PointsAtAzuritesDefaultEndpoint()
    {
        var store = BlobCandleStore.Connect(new BlobCandleStoreOptions { ConnectionString = "UseDevelopmentStorage=true" });

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/candles"), store.ContainerUri);
    }

    private async Task<(int Code, string Error)> RunAsync(params string[] blobArgs)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = ["sync", "--data", _data, "--start", "2024-01-01", "--end", "2024-01-02", "--api-url", "http://127.0.0.1:1/", .. blobArgs];
        var code = await CandlesApp.RunAsync(args, CliConsole.Plain(output, error), TimeProvider.System, CancellationToken.None);
        return (code, error.ToString().Replace("\r", "", StringComparison.Ordinal));
    }

    private string Snapshot() =>
        string.Join("\n", Directory.EnumerateFileSystemEntries(_data, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => File.Exists(p) ? $"{p}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p)))}" : p));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
