using CandleFunctions.Cli.Tests.Support;

namespace CandleFunctions.Cli.Tests.Input;

public sealed class BadInputTests
{
    private const string UsageHint = "Run 'candles --help' for usage.";

    [Theory]
    [InlineData("missing symbols file", "does not exist")]
    [InlineData("no binance_symbol column", "binance_symbol")]
    [InlineData("unparseable start", "--start")]
    [InlineData("end equal to start", "--end")]
    [InlineData("end before start", "--end")]
    [InlineData("start in the future", "future")]
    [InlineData("max symbols zero", "--max-symbols")]
    [InlineData("archive concurrency zero", "--archive-concurrency")]
    [InlineData("api url not a url", "--api-url")]
    [InlineData("api url not http", "--api-url")]
    [InlineData("unknown option", "--bogus")]
    [InlineData("weight share zero", "--max-weight-share")]
    [InlineData("weight share above one", "--max-weight-share")]
    [InlineData("ban wait negative", "--max-ban-wait")]
    public async Task Bad_input_exits_2_with_a_one_line_message_and_sends_nothing(string problem, string messageMentions)
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("BTCUSDT");
        var args = Arguments(box, problem);

        var run = await CandlesCommand.RunAsync(box.Time, CancellationToken.None, args);

        Assert.True(run.ExitCode == 2, run.ToString());
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var messages = lines.Where(l => l != UsageHint).ToList();
        Assert.True(messages.Count == 1, run.ToString());
        Assert.StartsWith("candles: ", messages[0]);
        Assert.Contains(messageMentions, messages[0]);
        Assert.DoesNotContain("Exception", run.Stderr);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal));
        Assert.Equal("", run.Stdout);
        Assert.Equal(0, box.Simulator.Counters.TotalRequests);
        Assert.False(Directory.Exists(box.DataDirectory));
    }

    private static string[] Arguments(Sandbox box, string problem)
    {
        var options = new Dictionary<string, string>
        {
            ["--data"] = box.DataDirectory,
            ["--symbols-file"] = box.SymbolsFile,
            ["--start"] = "2026-11-20",
            ["--end"] = "2026-11-21",
            ["--api-url"] = box.Simulator.BaseUrl.ToString(),
        };
        var extra = new List<string> { "--no-archive", "--json" };
        switch (problem)
        {
            case "missing symbols file":
                options["--symbols-file"] = box.PathOf("no-such-file.csv");
                break;
            case "no binance_symbol column":
                File.WriteAllText(box.SymbolsFile, "token,symbol\nBTC,BTCUSDT\n");
                break;
            case "unparseable start":
                options["--start"] = "20/11/2026";
                break;
            case "end equal to start":
                options["--end"] = "2026-11-20";
                break;
            case "end before start":
                options["--end"] = "2026-11-19T23:59:00Z";
                break;
            case "start in the future":
                options["--start"] = "2026-12-02";
                options.Remove("--end");
                break;
            case "max symbols zero":
                options["--max-symbols"] = "0";
                break;
            case "archive concurrency zero":
                options["--archive-concurrency"] = "0";
                break;
            case "api url not a url":
                options["--api-url"] = "not a url";
                break;
            case "api url not http":
                options["--api-url"] = "ftp://127.0.0.1/";
                break;
            case "unknown option":
                extra.Add("--bogus");
                break;
            case "weight share zero":
                options["--max-weight-share"] = "0";
                break;
            case "weight share above one":
                options["--max-weight-share"] = "1.5";
                break;
            case "ban wait negative":
                options["--max-ban-wait"] = "-1";
                break;
            default:
                throw new ArgumentException(problem, nameof(problem));
        }
        return ["sync", .. options.SelectMany(o => new[] { o.Key, o.Value }), .. extra];
    }
}
