using System.CommandLine;
using CandleFunctions.Storage;
using CandleFunctions.Sync.Input;

namespace CandleFunctions.Cli.Commands;

/// <summary>Declares <c>candles sync</c> and turns its parse result into <see cref="SyncArguments"/>.</summary>
public static class SyncCommand
{
    public static readonly Option<string?> SymbolsFile = new("--symbols-file")
    {
        Description = "CSV with a binance_symbol column [default: <data>/filtered_tokens.csv]",
    };

    public static readonly Option<int?> MaxSymbols = new("--max-symbols")
    {
        Description = "Take only the first N symbols of the file [default: all]",
    };

    public static readonly Option<string?> Start = new("--start")
    {
        Description = "Start (inclusive), UTC: a date like 2024-01-01 or an ISO-8601 instant [default: each symbol continues from its last stored candle; required for a symbol with no data yet]",
    };

    public static readonly Option<string?> End = new("--end")
    {
        Description = "End (exclusive), UTC [default: now, clamped to the last closed minute]",
    };

    public static readonly Option<string> Data = new("--data")
    {
        Description = "Folder holding <SYMBOL>.csv files and their ledgers",
        DefaultValueFactory = _ => "data",
    };

    public static readonly Option<string> ApiUrl = new("--api-url")
    {
        Description = "USDⓈ-M REST base URL",
        DefaultValueFactory = _ => "https://fapi.binance.com/",
    };

    public static readonly Option<string> ArchiveUrl = new("--archive-url")
    {
        Description = "Public data archive base URL",
        DefaultValueFactory = _ => "https://data.binance.vision/",
    };

    public static readonly Option<int> ArchiveConcurrency = new("--archive-concurrency")
    {
        Description = "Archive files downloading at once, across symbols (each symbol at work keeps its share ahead of what it writes)",
        DefaultValueFactory = _ => Binance.Archive.ArchiveOptions.DefaultConcurrentDownloads,
    };

    public static readonly Option<bool> NoArchive = new("--no-archive")
    {
        Description = "Use REST only, never the public archive",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print a machine-readable summary on stdout (progress goes to stderr)",
    };

    public static readonly Option<string?> BlobConnection = new("--blob-connection")
    {
        Description = "Azure Storage connection string: write to Blob Storage and mirror it into --data (UseDevelopmentStorage=true for Azurite) [default: $CANDLES_BLOB_CONNECTION, else local only]",
    };

    public static readonly Option<string> BlobContainer = new("--blob-container")
    {
        Description = "Blob container holding <SYMBOL>.csv and its ledger",
        DefaultValueFactory = _ => "candles",
    };

    public static readonly Option<double> RequestTimeout = new("--request-timeout")
    {
        Description = "Seconds one REST attempt may take before it counts as a transient failure and is retried",
        DefaultValueFactory = _ => 15,
    };

    public static readonly Option<string> Format = new("--format")
    {
        Description = "What to write: csv (<data>/<SYMBOL>.csv), parquet (<data>/parquet/symbol=<SYMBOL>/month=YYYY-MM.parquet, every kline field) or both",
        DefaultValueFactory = _ => "csv",
    };

    public static readonly Option<string?> SourceTz = new("--source-tz")
    {
        Description = "The clock CSVs without a ledger were written in (Australia/Sydney, +05:30, UTC) [default: found by comparing with the exchange]",
    };

    public static readonly Option<double> MaxWeightShare = new("--max-weight-share")
    {
        Description = "The most of each rate-limit window's weight we use (0 < FRACTION <= 1), e.g. 0.5 to leave a bot on the same IP half",
        DefaultValueFactory = _ => 1.0,
    };

    public static readonly Option<double> MaxBanWait = new("--max-ban-wait")
    {
        Description = "Seconds of IP ban to wait out (with a countdown) before carrying on; a longer ban stops the run with exit code 3",
        DefaultValueFactory = _ => 120,
    };

    /// <summary>The environment variable read when --blob-connection is not given.</summary>
    public const string BlobConnectionVariable = "CANDLES_BLOB_CONNECTION";

    public static Command Create()
    {
        var command = new Command("sync", "Fetch every missing closed 1-minute candle of the symbols over the range into <data>/<SYMBOL>.csv");
        foreach (var option in new Option[] { SymbolsFile, MaxSymbols, Start, End, Data, ApiUrl, ArchiveUrl, ArchiveConcurrency, NoArchive, Json, BlobConnection, BlobContainer, RequestTimeout, Format, SourceTz, MaxWeightShare, MaxBanWait })
            command.Options.Add(option);
        return command;
    }

    /// <summary>Validates what was parsed; bad input throws <see cref="InputException"/>.</summary>
    public static SyncArguments Bind(ParseResult result, DateTimeOffset now)
    {
        var data = result.GetValue(Data)!;
        var start = result.GetValue(Start) is { } s ? TimeArgument.Parse("--start", s) : (DateTimeOffset?)null;
        var end = result.GetValue(End) is { } e ? TimeArgument.Parse("--end", e) : (DateTimeOffset?)null;
        if (start >= now)
            throw new InputException($"--start {start:yyyy-MM-dd HH:mm:ss} UTC is in the future.");
        if (end is { } stop && stop <= start)
            throw new InputException($"--end {stop:yyyy-MM-dd HH:mm:ss} UTC must be after --start {start:yyyy-MM-dd HH:mm:ss} UTC.");
        var timeout = result.GetValue(RequestTimeout);
        if (!(timeout is > 0 and <= 3600))
            throw new InputException($"--request-timeout must be between 0 and 3600 seconds (got {timeout}).");
        var share = result.GetValue(MaxWeightShare);
        if (!(share is > 0 and <= 1))
            throw new InputException($"--max-weight-share must be above 0 and at most 1 (got {share.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        var banWait = result.GetValue(MaxBanWait);
        if (!(banWait is >= 0 and <= 86400))
            throw new InputException($"--max-ban-wait must be between 0 and 86400 seconds (got {banWait.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        var archiveConcurrency = result.GetValue(ArchiveConcurrency);
        if (archiveConcurrency is < 1 or > 64)
            throw new InputException($"--archive-concurrency must be between 1 and 64 (got {archiveConcurrency}).");
        var max = result.GetValue(MaxSymbols);
        if (max is < 1)
            throw new InputException($"--max-symbols must be at least 1 (got {max}).");
        return new SyncArguments(
            data,
            result.GetValue(SymbolsFile) ?? Path.Combine(data, "filtered_tokens.csv"),
            max,
            start,
            end,
            HttpUrl("--api-url", result.GetValue(ApiUrl)!),
            HttpUrl("--archive-url", result.GetValue(ArchiveUrl)!),
            !result.GetValue(NoArchive),
            result.GetValue(Json),
            BlobConnectionOf(result),
            BlobContainerOf(result),
            TimeSpan.FromSeconds(timeout),
            FormatOf(result.GetValue(Format)!),
            result.GetValue(SourceTz) is { } zone ? SourceClockArgument.Parse("--source-tz", zone) : null,
            archiveConcurrency)
        {
            MaxWeightShare = share,
            MaxBanWait = TimeSpan.FromSeconds(banWait),
        };
    }

    /// <summary>Reads a --format value: csv, parquet or both.</summary>
    public static StorageFormat FormatOf(string text) => text.Trim().ToLowerInvariant() switch
    {
        "csv" => StorageFormat.Csv,
        "parquet" => StorageFormat.Parquet,
        "both" => StorageFormat.Both,
        _ => throw new InputException($"--format '{text}' is not one of csv, parquet, both."),
    };

    private static string? BlobConnectionOf(ParseResult result)
    {
        var given = result.GetValue(BlobConnection) ?? Environment.GetEnvironmentVariable(BlobConnectionVariable);
        return string.IsNullOrWhiteSpace(given) ? null : given.Trim();
    }

    private static string BlobContainerOf(ParseResult result)
    {
        var name = result.GetValue(BlobContainer)!.Trim();
        // Azure's rule: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.
        if (name.Length is < 3 or > 63 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            || name[0] == '-' || name[^1] == '-' || name.Contains("--", StringComparison.Ordinal))
            throw new InputException($"--blob-container '{name}' is not a valid container name (3-63 lower-case letters, digits and single hyphens).");
        return name;
    }

    private static Uri HttpUrl(string option, string text)
    {
        if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return uri;
        throw new InputException($"{option} '{text}' is not an http(s) URL.");
    }
}
