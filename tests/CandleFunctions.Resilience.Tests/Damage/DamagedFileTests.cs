using CandleFunctions.Cli;
using CandleFunctions.Core.Candles;
using CandleFunctions.Resilience.Tests.Support;

namespace CandleFunctions.Resilience.Tests.Damage;

/// <summary>A damaged CSV or ledger gets a message naming the file and the problem, and is never rewritten.</summary>
public sealed class DamagedFileTests(SeededFolder seed) : IClassFixture<SeededFolder>
{
    // A week around the seeded day: the sync would prepend, fill and append, so every write path is tempted.
    private static readonly UtcRange Week = new(SeededFolder.Day.Start.AddDays(-1), SeededFolder.Day.Start.AddDays(6));

    public static TheoryData<string, string> Damages => new()
    {
        { "bad row", "BTCUSDT.csv line 5: open 'abc' is not a number" },
        { "rows out of order", "BTCUSDT.csv line 6: timestamps out of order (2026-11-09 00:03:00 after 2026-11-09 00:04:00)" },
        { "duplicate row", "BTCUSDT.csv line 6: duplicate timestamp 2026-11-09 00:03:00" },
        { "wrong header", "BTCUSDT.csv line 1: the header lacks the column(s) timestamp" },
        { "truncated mid-file", "BTCUSDT.csv line 5: expected 6 fields, found 3" },
        { "unreadable ledger", "BTCUSDT.ledger.json: cannot read the coverage ledger: not a valid ledger" },
        { "ledger of another symbol", "BTCUSDT.ledger.json: cannot read the coverage ledger: it is the ledger of ETHUSDT, not BTCUSDT" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_damaged_file_fails_its_symbol_with_a_clear_message_and_stays_byte_for_byte(string damage, string message)
    {
        using var folder = new TempFolder();
        var data = seed.CopyTo(folder);
        Damage(data, damage);
        var before = DataSnapshot.Of(data);

        var exit = await InProcessCandles.RunAsync([.. seed.SyncArgs(data, Week)]);

        Assert.Equal(ExitCodes.SomeFailed, exit.Code);
        Assert.Contains("BTCUSDT          FAILED: stored data could not be read or written; nothing was overwritten", exit.Output, StringComparison.Ordinal);
        Assert.Contains(message, exit.Output, StringComparison.Ordinal);
        Assert.Null(DataSnapshot.Of(data).Difference(before));
        Assert.Empty(Directory.EnumerateFiles(data, "*.tmp"));
    }

    [Fact]
    public async Task A_hand_edit_that_keeps_the_file_valid_is_kept_and_the_rest_is_synced_around_it()
    {
        using var folder = new TempFolder();
        var data = seed.CopyTo(folder);
        var csv = Path.Combine(data, "BTCUSDT.csv");
        var lines = File.ReadAllLines(csv);
        lines[10] = lines[10][..20] + "1,2,0.5,1.5,7";
        File.WriteAllLines(csv, lines);

        var exit = await InProcessCandles.RunAsync([.. seed.SyncArgs(data, Week)]);

        Assert.Equal(ExitCodes.Success, exit.Code);
        // What the ledger covers is never fetched again, so the edited row survives; 'candles verify' is how to check it.
        Assert.Contains(lines[10], File.ReadAllLines(csv));
        Assert.Equal(1 + (7 * 1440) - 45, File.ReadAllLines(csv).Length);
    }

    private static void Damage(string data, string damage)
    {
        var csv = Path.Combine(data, "BTCUSDT.csv");
        var ledger = Path.Combine(data, "BTCUSDT.ledger.json");
        var lines = File.ReadAllLines(csv).ToList();
        switch (damage)
        {
            case "bad row":
                lines[4] = lines[4][..20] + "abc" + lines[4][lines[4].IndexOf(',', 20)..];
                break;
            case "rows out of order":
                (lines[4], lines[5]) = (lines[5], lines[4]);
                break;
            case "duplicate row":
                lines.Insert(5, lines[4]);
                break;
            case "wrong header":
                lines[0] = "time,open,high,low,close,volume";
                break;
            case "truncated mid-file":
                lines[4] = lines[4][..30];
                break;
            case "unreadable ledger":
                File.WriteAllText(ledger, "{ \"version\": 1, \"symbol\": \"BTCUSDT\", \"covered\": [ { \"start\": ");
                return;
            case "ledger of another symbol":
                File.WriteAllText(ledger, File.ReadAllText(ledger).Replace("BTCUSDT", "ETHUSDT", StringComparison.Ordinal));
                return;
        }
        File.WriteAllText(csv, string.Join("\n", lines) + "\n");
    }
}
