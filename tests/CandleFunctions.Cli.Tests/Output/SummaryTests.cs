using CandleFunctions.Cli.Tests.Support;

namespace CandleFunctions.Cli.Tests.Output;

/// <summary>The end of a run for people: where the files are, and the way into pandas.</summary>
public sealed class SummaryTests
{
    [Fact]
    public async Task The_summary_ends_by_naming_the_files_and_pointing_a_python_user_to_use_the_data()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("ETHUSDT");

        var run = await CandlesCommand.RunAsync(box.Time, CancellationToken.None,
            "sync", "--data", box.DataDirectory, "--symbols-file", box.SymbolsFile, "--start", "2026-11-29", "--end", "2026-11-29T06:00:00Z",
            "--api-url", box.Simulator.BaseUrl.ToString(), "--no-archive");

        Assert.True(run.ExitCode == 0, run.ToString());
        var last = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3).ToList();
        Assert.Equal($"Files: {Path.Combine(Path.GetFullPath(box.DataDirectory), "<SYMBOL>.csv")} (UTC minutes, timestamp,open,high,low,close,volume), each with <SYMBOL>.ledger.json beside it.", last[0]);
        Assert.Equal($"In Python: pd.read_csv(r\"{Path.GetFullPath(box.CsvPath("ETHUSDT"))}\", index_col=\"timestamp\", parse_dates=True).tz_localize(\"UTC\")", last[1]);
        Assert.Equal("Many symbols, UTC timestamps and the ledger: see \"Use the data\" in the README.", last[2]);
    }

    [Fact]
    public async Task A_json_run_prints_only_the_json_and_no_hint()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("ETHUSDT");

        var run = await box.SyncAsync("2026-11-29", "2026-11-29T06:00:00Z");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(360, run.Summary.TotalCandlesAdded);
        Assert.DoesNotContain("Use the data", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
