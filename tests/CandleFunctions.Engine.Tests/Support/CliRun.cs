using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CandleFunctions.Cli;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Engine.Tests.Support;

/// <summary>The <c>candles</c> CLI run in-process against the same simulator, for comparing both hosts.</summary>
public static class CliRun
{
    /// <summary>Runs <c>candles sync --json --no-archive</c> for <paramref name="symbols"/> over <paramref name="range"/> into <paramref name="dataDirectory"/>.</summary>
    public static async Task<JsonElement> SyncJsonAsync(Uri api, string dataDirectory, IReadOnlyList<string> symbols, UtcRange range, params string[] extra)
    {
        Directory.CreateDirectory(dataDirectory);
        var symbolsFile = Path.Combine(dataDirectory, "filtered_tokens.csv");
        await File.WriteAllTextAsync(symbolsFile, "token,binance_symbol\n" + string.Concat(symbols.Select(s => $"{s},{s}\n")));
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args =
        [
            "sync", "--data", dataDirectory, "--symbols-file", symbolsFile,
            "--start", range.Start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            "--end", range.End.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            "--api-url", api.ToString(), "--json", "--no-archive", .. extra,
        ];
        var exit = await CandlesApp.RunAsync(args, CliConsole.Plain(TextWriter.Synchronized(output), TextWriter.Synchronized(error)), TimeProvider.System, CancellationToken.None);
        if (exit is not (0 or 1))
            throw new InvalidOperationException($"candles sync exited {exit}: {error}");
        return JsonDocument.Parse(output.ToString()).RootElement;
    }

    /// <summary>The summary without what differs by nature between two runs: wall time.</summary>
    public static string Comparable(JsonElement summary)
    {
        var node = JsonNode.Parse(summary.GetRawText())!.AsObject();
        node.Remove("elapsedSeconds");
        return node.ToJsonString();
    }
}
