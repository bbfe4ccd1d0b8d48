using System.Text;
using BinanceSimulator.Rest;
using CandleFunctions.Cli.Tests.Support;

namespace CandleFunctions.Cli.Tests.Sync;

/// <summary>币安人生USDT end to end: symbols file, exchangeInfo, REST query, archive files, CSV and ledger names, verify.</summary>
public sealed class UnicodeSymbolTests
{
    private const string Symbol = "币安人生USDT";

    [Fact]
    public async Task A_symbol_in_another_script_syncs_from_the_archive_and_rest_into_its_own_file_and_verifies()
    {
        await using var box = await Sandbox.StartAsync();
        box.UseArchive = true;
        // As Excel saves it: UTF-8 with a byte order mark.
        File.WriteAllText(box.SymbolsFile, $"token,binance_symbol\n币安人生,{Symbol}\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var run = await box.SyncAsync("2026-10-30T18:00:00Z", "2026-11-02T06:00:00Z");

        Assert.True(run.ExitCode == 0, run.ToString());
        var range = Sandbox.Range("2026-10-30 18:00", "2026-11-02 06:00");
        box.AssertExact(Symbol, range);
        // October 31 and November 1 from daily files, fetched by their percent-encoded paths; the edges from REST.
        Assert.Equal(2, run.Summary.Symbol(Symbol).ArchiveFiles);
        Assert.InRange(box.Simulator.Counters.Requests(RestEndpoint.Klines), 2, 6);
        Assert.True(File.Exists(box.LedgerPath(Symbol)));

        var verify = await CandlesCommand.RunAsync(box.Time, CancellationToken.None, "verify", "--data", box.DataDirectory);

        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains(verify.Stdout.Split('\n'), l => l.StartsWith(Symbol, StringComparison.Ordinal) && l.Contains(" ok ", StringComparison.Ordinal));
        Assert.Contains("1 ok, 0 with errors", verify.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{Symbol}     ok", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lower_case_entry_in_a_symbols_file_without_a_byte_order_mark_is_upper_cased_and_synced_over_rest()
    {
        await using var box = await Sandbox.StartAsync();
        File.WriteAllText(box.SymbolsFile, "binance_symbol\n币安人生usdt\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        var run = await box.SyncAsync("2026-11-29", "2026-11-29T12:00:00Z");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Symbol, Assert.Single(run.Summary.Symbols).Name);
        box.AssertExact(Symbol, Sandbox.Range("2026-11-29", "2026-11-29 12:00"));
    }
}
