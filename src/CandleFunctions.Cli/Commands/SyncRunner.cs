using System.Net;
using CandleFunctions.Binance.Archive;
using CandleFunctions.Binance.RateLimiting;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Sync.Input;
using CandleFunctions.Cli.Output;
using CandleFunctions.Core.RateLimiting;
using CandleFunctions.Core.Candles;
using CandleFunctions.Storage;
using CandleFunctions.Storage.Csv;
using CandleFunctions.Storage.Ledger;
using CandleFunctions.Storage.Symbols;
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

        if (args.Start is null && blob is null && !HoldsCandles(args.DataDirectory))
            throw new InputException($"--start is needed: the data folder '{args.DataDirectory}' holds no candles yet (without --start each symbol continues from its last stored candle).");

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
        var countdown = new BanCountdown(human, time, TimeSpan.FromSeconds(5));
        if (state.BannedUntil is { } banned && banned > time.GetUtcNow())
        {
            if (banned - time.GetUtcNow() > args.MaxBanWait)
            {
                console.Error.WriteLine($"Binance banned this IP until {banned:yyyy-MM-dd HH:mm:ss} UTC (remembered from an earlier run), longer than --max-ban-wait; not sending anything before then.");
                return ExitCodes.Stopped;
            }
            if (!await WaitOutBanAsync(countdown, banned, "remembered from an earlier run", cancellationToken))
                return ExitCodes.Stopped;
        }

        using var exchange = new ExchangeConnection(args.ApiUrl, args.UseArchive ? args.ArchiveUrl : null, args.RequestTimeout ?? TimeSpan.FromSeconds(15), time, args.MaxWeightShare, args.ArchiveConcurrency);
        var governor = exchange.Governor;
        var client = exchange.Client;
        var local = new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = args.DataDirectory });
        ICandleStore csv = blob is null ? local : new MirroredCandleStore(blob, local);
        var localMonths = new LocalParquetMonthStore(args.DataDirectory);
        var parquet = new ParquetCandleStore(blob is null ? localMonths : blob.ParquetMonths(localMonths));
        ICandleStore store = args.Format switch
        {
            StorageFormat.Parquet => parquet,
            StorageFormat.Both => new CsvAndParquetStore(csv, parquet),
            _ => csv,
        };
        var archive = exchange.Archive;
        var request = args.Start is { } start
            ? new SyncRequest(symbols, start, args.End)
            : await ContinueRequestAsync(store, symbols, args, human, cancellationToken);

        SyncReport report;
        for (var attempt = 1; ; attempt++)
        {
            IProgressDisplay display = console.Interactive && !args.Json
                ? new LiveProgress(console.Ansi, governor)
                : new PlainProgress(human, governor, TimeSpan.FromSeconds(10));
            var engine = new SyncEngine(client, governor, store, new SyncOptions { SourceClock = args.SourceClock }, display, archive, SourceClockArgument.SystemZones());
            try
            {
                report = await display.RunAsync(() => engine.RunAsync(request, cancellationToken));
            }
            catch (ArgumentException e)
            {
                throw new InputException(e.Message);
            }

            if (report.BannedUntil is not { } until || until <= time.GetUtcNow())
                break;
            await RunStateFile.SaveAsync(args.DataDirectory, state with { BannedUntil = until }, CancellationToken.None);
            // A short ban is waited out and the run goes on (a fresh pass fetches only what is still missing); a few at most.
            if (report.Cancelled || attempt >= MaxBanRounds || until - time.GetUtcNow() > args.MaxBanWait)
                break;
            if (!await WaitOutBanAsync(countdown, until, "a 418 during this run", cancellationToken))
                return ExitCodes.Stopped;
        }

        if (report.Range is { } range)
            human.WriteLine($"Range: {range} UTC");
        if (args.Json)
            SummaryWriter.WriteJson(console.Out, report);
        if (console.Interactive && !args.Json)
            SummaryWriter.WriteTable(console.Ansi, report);
        else
            SummaryWriter.WritePlain(human, report);
        if (!args.Json)
            SummaryWriter.WriteWhereToFind(human, args.DataDirectory, report);

        if (report.BannedUntil is { } bannedUntil && bannedUntil > time.GetUtcNow())
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

    /// <summary>Without --start: each symbol continues where its stored data ends; a symbol with none needs --start.</summary>
    private static async Task<SyncRequest> ContinueRequestAsync(
        ICandleStore store, IReadOnlyList<string> symbols, SyncArguments args, TextWriter human, CancellationToken cancellationToken)
    {
        var from = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var empty = new List<string>();
        foreach (var symbol in symbols)
        {
            StoredSymbol stored;
            try
            {
                stored = await store.LoadAsync(symbol, cancellationToken);
            }
            catch (Exception e) when (e is CorruptCandleFileException or CorruptLedgerException or InvalidSymbolNameException or IOException or UnauthorizedAccessException)
            {
                // The sync itself reports this symbol's problem.
                continue;
            }
            if (ContinuePoint(stored) is { } point)
                from[symbol] = point;
            else
                empty.Add(symbol);
        }
        if (empty.Count > 0)
        {
            var names = string.Join(", ", empty.Take(5)) + (empty.Count > 5 ? $" and {empty.Count - 5} more" : "");
            throw new InputException($"--start is needed: {names} {(empty.Count == 1 ? "has" : "have")} no data in '{args.DataDirectory}' yet; give --start to fetch its history, or take it out of the symbols file (without --start each symbol continues from its last stored candle).");
        }
        if (from.Count == 0)
            throw new InputException($"--start is needed: no symbol's stored data in '{args.DataDirectory}' could be read.");
        var earliest = from.Values.Min();
        human.WriteLine($"No --start: each symbol continues from its last stored candle (the earliest from {earliest:yyyy-MM-dd HH:mm} UTC).");
        return new SyncRequest(symbols, earliest, args.End, from);
    }

    /// <summary>Where a symbol's stored data ends: after its last candle, or after the last range its ledger knows complete.</summary>
    private static DateTimeOffset? ContinuePoint(StoredSymbol stored)
    {
        DateTimeOffset? afterLast = stored.Last is { } last ? last + MinuteTime.OneMinute : null;
        DateTimeOffset? ledgerEnd = stored.Covered.IsEmpty ? null : stored.Covered.Ranges[^1].End;
        return afterLast > ledgerEnd || ledgerEnd is null ? afterLast : ledgerEnd;
    }

    private static bool HoldsCandles(string dataDirectory) =>
        Directory.Exists(dataDirectory)
        && (Directory.EnumerateFiles(dataDirectory, "*.csv").Any(f => !Path.GetFileName(f).Equals("filtered_tokens.csv", StringComparison.OrdinalIgnoreCase))
            || Directory.EnumerateFiles(dataDirectory, "*.ledger.json").Any());

    /// <summary>Bans waited out in one run before it stops anyway: repeated bans mean something else is spending the weight.</summary>
    private const int MaxBanRounds = 3;

    /// <summary>Waits for a short ban to end; false (after saying so) when Ctrl+C stopped the wait.</summary>
    private async Task<bool> WaitOutBanAsync(BanCountdown countdown, DateTimeOffset until, string why, CancellationToken cancellationToken)
    {
        try
        {
            await countdown.WaitAsync(until, why, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine($"Stopped by the user while waiting for the ban to end ({until:yyyy-MM-dd HH:mm:ss} UTC). Everything fetched so far is saved; run again after the ban.");
            return false;
        }
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

    private static async Task<BlobCandleStore?> ConnectBlobAsync(SyncArguments args, CancellationToken cancellationToken)
    {
        if (args.BlobConnection is not { } connection)
            return null;
        var blob = BlobCandleStore.Connect(new BlobCandleStoreOptions { ConnectionString = connection, ContainerName = args.BlobContainer });
        await blob.EnsureContainerAsync(cancellationToken);
        return blob;
    }
}
