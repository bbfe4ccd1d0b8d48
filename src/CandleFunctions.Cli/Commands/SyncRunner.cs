using System.Net;
using CandleFunctions.Binance.Archive;
using CandleFunctions.Binance.RateLimiting;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Sync.Input;
using CandleFunctions.Cli.Output;
using CandleFunctions.Core.RateLimiting;
using CandleFunctions.Storage;
using CandleFunctions.Storage.Azure.Blob;
using CandleFunctions.Storage.Azure.Mirror;
using CandleFunctions.Storage.Local;
using CandleFunctions.Storage.Parquet;
using CandleFunctions.Storage.Locking;
using CandleFunctions.Storage.State;
using CandleFunctions.Sync;
using Spectre.Console;

namespace CandleFunctions.Cli.Commands;

/// <summary>Wires the engine to the local folder, runs it with a progress display, and turns the report into an exit code.</summary>
public sealed class SyncRunner(CliConsole console, TimeProvider time)
{
    public async Task<int> RunAsync(SyncArguments args, CancellationToken cancellationToken)
    {
        var symbolsFile = SymbolsFile.Read(args.SymbolsFile, "use --symbols-file PATH");
        if (symbolsFile.Symbols.Count == 0)
            throw new InputException($"The symbols file '{args.SymbolsFile}' lists no symbols in its binance_symbol column.");
        var symbols = args.MaxSymbols is { } max ? symbolsFile.Symbols.Take(max).ToList() : symbolsFile.Symbols.ToList();
        var human = args.Json ? console.Error : console.Out;
        if (symbolsFile.BlankLines > 0 || symbolsFile.Duplicates.Count > 0)
            human.WriteLine($"Symbols file: {symbolsFile.BlankLines} blank entries ignored; duplicates ignored: {(symbolsFile.Duplicates.Count == 0 ? "none" : string.Join(", ", symbolsFile.Duplicates))}.");

        if (args.BlobConnection is not null && args.Format != StorageFormat.Csv)
            throw new InputException("--format parquet and --format both write the local folder only; Blob Storage holds CSV for now (drop --blob-connection, or use --format csv).");

        // The container is reached before anything local is touched, so a bad connection changes nothing.
        BlobCandleStore? blob;
        try
        {
            blob = await ConnectBlobAsync(args, cancellationToken);
        }
        catch (BlobStoreException e)
        {
            console.Error.WriteLine($"candles: {e.Message}");
            return ExitCodes.SomeFailed;
        }
        if (blob is not null)
            human.WriteLine($"Blob container: {blob.ContainerUri} (mirrored into {Path.GetFullPath(args.DataDirectory)})");

        try
        {
            Directory.CreateDirectory(args.DataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"The data folder '{args.DataDirectory}' cannot be created: {e.Message}");
        }

        using var folderLock = LockDataFolder(args.DataDirectory);
        var state = await RunStateFile.LoadAsync(args.DataDirectory, cancellationToken);
        if (state.BannedUntil is { } banned && banned > time.GetUtcNow())
        {
            console.Error.WriteLine($"Binance banned this IP until {banned:yyyy-MM-dd HH:mm:ss} UTC (remembered from an earlier run); not sending anything before then.");
            return ExitCodes.Stopped;
        }

        var governor = new WeightGovernor(new WeightBudgetOptions(), time);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        var client = new BinanceFuturesClient(http, governor, new BinanceRestOptions { BaseUrl = args.ApiUrl, AttemptTimeout = args.RequestTimeout ?? TimeSpan.FromSeconds(15) }, time);
        var local = new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = args.DataDirectory });
        ICandleStore csv = blob is null ? local : new MirroredCandleStore(blob, local);
        var parquet = new ParquetCandleStore(new LocalParquetMonthStore(args.DataDirectory));
        ICandleStore store = args.Format switch
        {
            StorageFormat.Parquet => parquet,
            StorageFormat.Both => new CsvAndParquetStore(csv, parquet),
            _ => csv,
        };
        IProgressDisplay display = console.Interactive && !args.Json
            ? new LiveProgress(console.Ansi, governor)
            : new PlainProgress(human, governor, TimeSpan.FromSeconds(10));
        using var archiveHttp = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var archive = args.UseArchive ? CreateArchive(archiveHttp, args.ArchiveUrl, args.ArchiveConcurrency, time) : null;
        using var archiveClient = archive?.Client;
        var engine = new SyncEngine(client, governor, store, new SyncOptions(), display, archive);

        SyncReport report;
        try
        {
            report = await display.RunAsync(() => engine.RunAsync(new SyncRequest(symbols, args.Start, args.End), cancellationToken));
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message);
        }

        if (report.BannedUntil is { } until)
            await RunStateFile.SaveAsync(args.DataDirectory, state with { BannedUntil = until }, CancellationToken.None);

        if (report.Range is { } range)
            human.WriteLine($"Range: {range} UTC");
        if (args.Json)
            SummaryWriter.WriteJson(console.Out, report);
        if (console.Interactive && !args.Json)
            SummaryWriter.WriteTable(console.Ansi, report);
        else
            SummaryWriter.WritePlain(human, report);

        if (report.BannedUntil is { } bannedUntil)
        {
            console.Error.WriteLine($"Stopped: Binance banned this IP until {bannedUntil:yyyy-MM-dd HH:mm:ss} UTC. Everything fetched so far is saved; run again after the ban.");
            return ExitCodes.Stopped;
        }
        if (report.Cancelled)
        {
            console.Error.WriteLine("Stopped by the user. Everything fetched so far is saved; run again to continue.");
            return ExitCodes.Stopped;
        }
        return report.Failed > 0 ? ExitCodes.SomeFailed : ExitCodes.Success;
    }

    private static DataFolderLock LockDataFolder(string dataDirectory)
    {
        try
        {
            return DataFolderLock.Acquire(dataDirectory);
        }
        catch (Exception e) when (e is (IOException and not DataFolderLockedException) or UnauthorizedAccessException)
        {
            // Not another sync: the folder itself refuses writes (read-only, no permission, full), so nothing can be stored.
            throw new InputException($"The data folder '{dataDirectory}' cannot be written: {e.Message}");
        }
    }

    private static ArchiveSource CreateArchive(HttpClient http, Uri archiveUrl, int concurrency, TimeProvider time)
    {
        var options = new ArchiveOptions { BaseUrl = archiveUrl, ListingUrl = ArchiveOptions.ListingUrlFor(archiveUrl), MaxConcurrentDownloads = concurrency };
        options.Validate();
        return new ArchiveSource(new ArchivePlanner(options), new ArchiveClient(http, options, time), new ArchiveListingClient(http, options, time));
    }

    private static async Task<BlobCandleStore?> ConnectBlobAsync(SyncArguments args, CancellationToken cancellationToken)
    {
        if (args.BlobConnection is not { } connection)
            return null;
        var blob = BlobCandleStore.Connect(new BlobCandleStoreOptions { ConnectionString = connection, ContainerName = args.BlobContainer });
        await blob.EnsureContainerAsync(cancellationToken);
        return blob;
    }
}
