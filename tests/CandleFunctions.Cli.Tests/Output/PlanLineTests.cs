using System.Globalization;
using System.Text.RegularExpressions;
using CandleFunctions.Cli.Tests.Support;

namespace CandleFunctions.Cli.Tests.Output;

/// <summary>The plain (piped) output: one plan line per symbol, in candles, that the result lines then add up to.</summary>
public sealed partial class PlanLineTests
{
    [Fact]
    public async Task Each_symbol_is_planned_once_in_candles_and_its_result_adds_up_to_the_plan()
    {
        await using var box = await Sandbox.StartAsync();
        // BTCUSDT has the 45-minute outage of 2026-11-10; NEWCOINUSDT lists on 2026-11-20 08:30.
        box.WriteSymbols("BTCUSDT", "NEWCOINUSDT");
        var range = Sandbox.Range("2026-11-08 12:00", "2026-11-21 00:00");

        var run = await CandlesCommand.RunAsync(box.Time, CancellationToken.None,
            "sync", "--data", box.DataDirectory, "--symbols-file", box.SymbolsFile, "--start", "2026-11-08T12:00:00Z", "--end", "2026-11-21",
            "--api-url", box.Simulator.BaseUrl.ToString(), "--archive-url", box.Simulator.BaseUrl.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Stdout.Split('\n', StringSplitOptions.TrimEntries);
        foreach (var symbol in new[] { "BTCUSDT", "NEWCOINUSDT" })
        {
            var plan = Assert.Single(lines.Select(l => PlanLine().Match(l)).ToList(), m => m.Success && m.Groups["symbol"].Value == symbol);
            var total = Number(plan, "total");
            Assert.Equal(total, Number(plan, "archive") + Number(plan, "rest"));
            // Nothing was stored before: the plan is every minute of the range.
            Assert.Equal((long)range.Duration.TotalMinutes, total);

            var result = Assert.Single(lines.Select(l => ResultLine().Match(l)).ToList(), m => m.Success && m.Groups["symbol"].Value == symbol);
            var added = Number(result, "added");
            var none = Number(result, "none");
            Assert.Equal(total, added + none);
            Assert.Equal(box.GroundTruth(symbol, range).Count, added);
            Assert.Equal(added, box.Stored(symbol).Count);
        }
        Assert.Contains(lines, l => l.StartsWith("[", StringComparison.Ordinal) && l.Contains("BTCUSDT: +17,955 candles (45 minutes had none)", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("minutes to fetch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rest_only_plan_names_rest_alone()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("ETHUSDT");

        var run = await box.SyncAsync("2026-11-29T00:00:00Z", "2026-11-29T06:00:00Z");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("  ETHUSDT: up to 360 candles to fetch: 360 from REST", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("ETHUSDT: +360 candles", run.Stderr, StringComparison.Ordinal);
    }

    private static long Number(Match match, string group) =>
        !match.Groups[group].Success ? 0 : long.Parse(match.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<symbol>\S+): up to (?<total>[\d,]+) candles to fetch: (?:(?<archive>[\d,]+) from the archive \(\d+ files?\))?(?:, )?(?:(?<rest>[\d,]+) from REST)?$")]
    private static partial Regex PlanLine();

    [GeneratedRegex(@"^\[\d+/\d+\] (?<symbol>\S+): \+(?<added>[\d,]+) candles(?: \((?<none>[\d,]+) minutes had none\))?$")]
    private static partial Regex ResultLine();
}
