using CandleFunctions.Cli.Tests.Support;

namespace CandleFunctions.Cli.Tests.Input;

public sealed class SymbolsFileTests
{
    [Fact]
    public async Task Blank_entries_and_duplicates_are_tolerated_and_reported()
    {
        await using var box = await Sandbox.StartAsync();
        File.WriteAllText(box.SymbolsFile, "token,binance_symbol\nBTC,BTCUSDT\n\nX,\nETH,ETHUSDT\nBTC,btcusdt\n");

        var run = await box.SyncAsync("2026-11-20", "2026-11-20T06:00:00Z");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("2 blank entries ignored; duplicates ignored: BTCUSDT", run.Stderr);
        Assert.Equal(["BTCUSDT", "ETHUSDT"], run.Summary.Symbols.Select(s => s.Name));
        box.AssertExact("BTCUSDT", Sandbox.Range("2026-11-20", "2026-11-20 06:00"));
        box.AssertExact("ETHUSDT", Sandbox.Range("2026-11-20", "2026-11-20 06:00"));
    }

    [Fact]
    public async Task Max_symbols_takes_the_first_n_of_the_file()
    {
        await using var box = await Sandbox.StartAsync();
        box.WriteSymbols("SOLUSDT", "XRPUSDT", "BTCUSDT", "ETHUSDT");

        var run = await box.SyncAsync("2026-11-20", "2026-11-20T06:00:00Z", "--max-symbols", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["SOLUSDT", "XRPUSDT"], run.Summary.Symbols.Select(s => s.Name));
        Assert.Equal(["SOLUSDT.csv", "XRPUSDT.csv"], Directory.GetFiles(box.DataDirectory, "*.csv").Select(Path.GetFileName).Order());
    }
}
