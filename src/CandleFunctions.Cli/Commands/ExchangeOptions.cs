using System.CommandLine;
using CandleFunctions.Core.Adoption;
using CandleFunctions.Sync.Input;

namespace CandleFunctions.Cli.Commands;

/// <summary>The options a command comparing stored files with the exchange takes (verify --deep, repair), one set per command.</summary>
public sealed class ExchangeOptions
{
    public Option<string> ApiUrl { get; } = new("--api-url")
    {
        Description = "USDⓈ-M REST base URL",
        DefaultValueFactory = _ => "https://fapi.binance.com/",
    };

    public Option<string> ArchiveUrl { get; } = new("--archive-url")
    {
        Description = "Public data archive base URL",
        DefaultValueFactory = _ => "https://data.binance.vision/",
    };

    public Option<bool> NoArchive { get; } = new("--no-archive")
    {
        Description = "Use REST only, never the public archive",
    };

    public Option<string?> SourceTz { get; } = new("--source-tz")
    {
        Description = "The clock the files were written in (Australia/Sydney, +05:30, UTC) [default: found by comparing with the exchange]",
    };

    public Option<bool> EveryRow { get; } = new("--every-row")
    {
        Description = "Compare every row with the exchange, not a sample: finds an open candle the notebook's next run went on straight after (costs what fetching the files again costs; the archive first, no weight there)",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { ApiUrl, ArchiveUrl, NoArchive, SourceTz, EveryRow })
            command.Options.Add(option);
    }

    /// <summary>The validated values; bad input throws <see cref="InputException"/>.</summary>
    public (Uri ApiUrl, Uri? ArchiveUrl, SourceClock? Clock, bool EveryRow) Bind(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var api = Url("--api-url", result.GetValue(ApiUrl)!);
        var archive = result.GetValue(NoArchive) ? null : Url("--archive-url", result.GetValue(ArchiveUrl)!);
        var clock = result.GetValue(SourceTz) is { } zone ? SourceClockArgument.Parse("--source-tz", zone) : null;
        return (api, archive, clock, result.GetValue(EveryRow));
    }

    private static Uri Url(string option, string text)
    {
        if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return uri;
        throw new InputException($"{option} '{text}' is not an http(s) URL.");
    }
}
