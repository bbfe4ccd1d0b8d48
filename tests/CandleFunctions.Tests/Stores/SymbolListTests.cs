using System.Text;
using CandleFunctions.Activities;
using CandleFunctions.Orchestration;
using CandleFunctions.Stores;
using CandleFunctions.Sync.Input;
using CandleFunctions.Tests.Support;

namespace CandleFunctions.Tests.Stores;

public sealed class SymbolListTests
{
    private const string Messy = "\uFEFFname, \"binance_symbol\"\r\nBitcoin,btcusdt\r\nBlank,\r\nEther, \"ETHUSDT\" \r\nAgain,BTCUSDT\r\n";

    [Fact]
    public async Task The_local_symbols_file_is_read_as_the_cli_reads_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tokens-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, Messy, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        try
        {
            var symbols = await new LocalSymbolList(path).ReadAsync(CancellationToken.None);

            Assert.Equal(SymbolsFile.Read(path, "x").Symbols, symbols);
            Assert.Equal(["BTCUSDT", "ETHUSDT"], symbols);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Text_from_a_blob_parses_like_the_same_file_on_disk()
    {
        var parsed = SymbolsFile.Parse(Messy, "blob");

        Assert.Equal(["BTCUSDT", "ETHUSDT"], parsed.Symbols);
        Assert.Equal(1, parsed.BlankLines);
        Assert.Equal(["BTCUSDT"], parsed.Duplicates);
    }

    [Fact]
    public async Task A_missing_symbols_file_fails_the_run_at_once_with_a_message_a_person_can_act_on()
    {
        await using var harness = await SyncHarness.StartAsync();
        var input = new SyncInput(null, null, SyncHarness.At("2026-11-28 00:00"), SyncHarness.At("2026-11-28 12:00"));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.RunAsync(input));

        Assert.Contains("does not exist (name the symbols in the request or add the file)", failure.Message, StringComparison.Ordinal);
        Assert.Single(harness.Runtime.Calls, c => c.Name == PlanSyncActivity.Name);
        Assert.DoesNotContain(harness.Runtime.Calls, c => c.Kind == "retry");
    }
}
