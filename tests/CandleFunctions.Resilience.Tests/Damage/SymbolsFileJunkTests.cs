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
            "long," + new string('A', 41),
            "nul,BTC\0USDT",
            "unicode,ÉTHUSDT",
            "injection,\"X;rm -rf\"",
        ]);

        var exit = await InProcessCandles.RunAsync([.. seed.SyncArgs(data, SeededFolder.Day, symbols)]);

        Assert.Equal(ExitCodes.SomeFailed, exit.Code);
        Assert.Contains("BTCUSDT          +1,440 candles", exit.Output, StringComparison.Ordinal);
        foreach (var (entry, reason) in new[]
                 {
                     ("../../EVIL", "only A-Z, 0-9 and '_' are allowed"),
                     ("/ETC/PASSWD", "only A-Z, 0-9 and '_' are allowed"),
                     ("BTC USDT", "only A-Z, 0-9 and '_' are allowed"),
                     ("ETH/USDT", "only A-Z, 0-9 and '_' are allowed"),
                     ("CON", "it is a reserved device name"),
                     (new string('A', 41), "it is longer than 40 characters"),
                     ("ÉTHUSDT", "only A-Z, 0-9 and '_' are allowed"),
                     ("X;RM -RF", "only A-Z, 0-9 and '_' are allowed"),
                 })
        {
            Assert.Contains($"'{entry}' is not a valid symbol name: {reason}.", exit.Output, StringComparison.Ordinal);
        }
        Assert.Equal(["BTCUSDT.csv", "BTCUSDT.ledger.json"], Directory.EnumerateFiles(data).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order());
        Assert.Equal(["data", "symbols.csv"], Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName).Order());
        Assert.False(File.Exists(Path.Combine(folder.Path, "..", "EVIL.csv")));
    }
}
