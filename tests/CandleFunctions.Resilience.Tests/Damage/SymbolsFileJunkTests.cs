using CandleFunctions.Cli;
using CandleFunctions.Resilience.Tests.Support;

namespace CandleFunctions.Resilience.Tests.Damage;

/// <summary>Junk in the symbols file never becomes a file name: each bad entry is named and skipped, the good ones are synced.</summary>
public sealed class SymbolsFileJunkTests(SeededFolder seed) : IClassFixture<SeededFolder>
{
    [Fact]
    public async Task Junk_entries_are_reported_one_by_one_and_no_file_is_written_outside_the_data_folder()
    {
        using var folder = new TempFolder();
        var data = folder["data"];
        var symbols = folder["symbols.csv"];
        File.WriteAllLines(symbols,
        [
            "name,binance_symbol",
            "bitcoin,btcusdt",
            "escape,../../evil",
            "absolute,/etc/passwd",
            "space,BTC USDT",
            "slash,ETH/USDT",
            "device,CON",
            "long," + new string('A', 65),
            "dots,A..B",
            "nul,BTC\0USDT",
            "unicode,ÉTHUSDT",
            "injection,\"X;rm -rf\"",
        ]);

        var exit = await InProcessCandles.RunAsync([.. seed.SyncArgs(data, SeededFolder.Day, symbols)]);

        Assert.Equal(ExitCodes.SomeFailed, exit.Code);
        Assert.Contains("BTCUSDT          +1,440 candles", exit.Output, StringComparison.Ordinal);
        foreach (var (entry, reason) in new[]
                 {
                     ("../../EVIL", "it holds a path separator ('/' or '\\')"),
                     ("/ETC/PASSWD", "it holds a path separator ('/' or '\\')"),
                     ("ETH/USDT", "it holds a path separator ('/' or '\\')"),
                     ("A..B", "it holds '..'"),
                     ("CON", "it is a reserved device name on Windows"),
                     (new string('A', 65), "it is longer than 64 bytes of UTF-8"),
                     ("BTC\0USDT", "it holds a control or invisible formatting character"),
                 })
        {
            Assert.Contains($"'{entry}' is not a valid symbol name: {reason}.", exit.Output, StringComparison.Ordinal);
        }
        // Safe names the exchange does not know are reported unknown, and get no file either.
        foreach (var unknown in new[] { "BTC USDT", "ÉTHUSDT", "X;RM -RF" })
            Assert.Contains(exit.Output.Split('\n'), l => l.StartsWith(unknown, StringComparison.Ordinal) && l.Contains("unknown", StringComparison.Ordinal));
        Assert.Equal(["BTCUSDT.csv", "BTCUSDT.ledger.json"], Directory.EnumerateFiles(data).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order());
        Assert.Equal(["data", "symbols.csv"], Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName).Order());
        Assert.False(File.Exists(Path.Combine(folder.Path, "..", "EVIL.csv")));
    }
}
