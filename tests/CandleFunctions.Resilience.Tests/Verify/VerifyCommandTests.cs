using System.Text.Json;
using CandleFunctions.Cli;
using CandleFunctions.Resilience.Tests.Support;
using CandleFunctions.Storage.Locking;

namespace CandleFunctions.Resilience.Tests.Verify;

/// <summary><c>candles verify</c> over a synced day, then over the same day damaged in one way at a time.</summary>
public sealed class VerifyCommandTests(SeededFolder seed) : IClassFixture<SeededFolder>
{
    public static TheoryData<string, string> Errors => new()
    {
        { "bad row", "error: 1 rows are not candles (line 5: open 'abc' is not a number)." },
        { "rows out of order", "error: 1 rows are out of order (line 6: 2026-11-09 00:03:00 after 2026-11-09 00:04:00)." },
        { "duplicate row", "error: 1 rows repeat the minute before them (line 6: 2026-11-09 00:03:00 again)." },
        { "impossible prices", "error: 1 rows have low above open/close or high below them (line 5: 2026-11-09 00:03:00 open 1 high 2 low 3 close 1)." },
        { "negative volume", "error: 1 rows have a negative volume (line 5: 2026-11-09 00:03:00 volume -1)." },
        { "row outside coverage", "error: 1 candles lie outside the ledger's coverage" },
        { "wrong header", "BTCUSDT.csv line 1: the header lacks the column(s) timestamp" },
        { "unreadable ledger", "BTCUSDT.ledger.json: cannot read the coverage ledger: not a valid ledger" },
    };

    public static TheoryData<string, string> Infos => new()
    {
        { "ledger gap", "info: 60 minutes between the first and the last candle are not yet synced: [2026-11-09 10:00:00, 2026-11-09 11:00:00)." },
        { "no ledger", "info: no ledger: the next sync compares the rows with the exchange" },
        { "partial last row", "info: 1 unterminated last row was left by an interrupted write" },
        { "temp file", "info: 1 temp file(s) of an interrupted write are left" },
    };

    [Fact]
    public async Task A_synced_folder_verifies_ok()
    {
        using var folder = new TempFolder();
        var data = seed.CopyTo(folder);

        var exit = await InProcessCandles.RunAsync("verify", "--data", data);

        Assert.Equal(ExitCodes.Success, exit.Code);
        Assert.Contains("BTCUSDT          ok     1,440 candles 2026-11-09 00:00 .. 2026-11-09 23:59", exit.Output, StringComparison.Ordinal);
        Assert.Contains("1 ok, 0 with errors", exit.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Each_kind_of_damage_is_an_error_with_its_line_and_exit_code_1(string damage, string finding)
    {
        using var folder = new TempFolder();
        var data = seed.CopyTo(folder);
        Damage(data, damage);
        var before = DataSnapshot.Of(data);

        var exit = await InProcessCandles.RunAsync("verify", "--data", data);

        Assert.Equal(ExitCodes.SomeFailed, exit.Code);
        Assert.Contains("BTCUSDT          ERRORS", exit.Output, StringComparison.Ordinal);
        Assert.Contains(finding, exit.Output, StringComparison.Ordinal);
        Assert.Contains("0 ok, 1 with errors", exit.Output, StringComparison.Ordinal);
        Assert.Null(DataSnapshot.Of(data).Difference(before));
    }

    [Theory]
    [MemberData(nameof(Infos))]
    public async Task What_the_next_sync_deals_with_is_reported_for_information_and_exits_0(string damage, string finding)
    {
        using var folder = new TempFolder();
        var data = seed.CopyTo(folder);
        Damage(data, damage);

        var exit = await InProcessCandles.RunAsync("verify", "--data", data);

        Assert.Equal(ExitCodes.Success, exit.Code);
        Assert.Contains(finding, exit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_gives_each_symbols_findings_with_severity_and_issue()
    {
        using var folder = new TempFolder();
        var data = seed.CopyTo(folder);
        Damage(data, "duplicate row");

        var exit = await InProcessCandles.RunAsync("verify", "--data", data, "--json");

        using var json = JsonDocument.Parse(exit.Output);
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        var symbol = Assert.Single(json.RootElement.GetProperty("symbols").EnumerateArray());
        Assert.Equal("BTCUSDT", symbol.GetProperty("symbol").GetString());
        var finding = Assert.Single(symbol.GetProperty("findings").EnumerateArray());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal("duplicate", finding.GetProperty("issue").GetString());
        Assert.Equal(1, finding.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task A_missing_data_folder_is_bad_input()
    {
        using var folder = new TempFolder();

        var exit = await InProcessCandles.RunAsync("verify", "--data", folder["nowhere"]);

        Assert.Equal(ExitCodes.BadInput, exit.Code);
        Assert.Contains("does not exist", exit.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_a_sync_is_writing_is_not_verified()
    {
        using var folder = new TempFolder();
        var data = seed.CopyTo(folder);
        using var running = DataFolderLock.Acquire(data);

        var exit = await InProcessCandles.RunAsync("verify", "--data", data);

        Assert.Equal(ExitCodes.SomeFailed, exit.Code);
        Assert.Contains("Another candles sync is using", exit.Error, StringComparison.Ordinal);
        Assert.Equal("", exit.Output);
    }

    private static void Damage(string data, string damage)
    {
        var csv = Path.Combine(data, "BTCUSDT.csv");
        var ledger = Path.Combine(data, "BTCUSDT.ledger.json");
        var lines = File.ReadAllLines(csv).ToList();
        var stamp = (int i) => lines[i][..20];
        switch (damage)
        {
            case "bad row":
                lines[4] = stamp(4) + "abc" + lines[4][lines[4].IndexOf(',', 20)..];
                break;
            case "rows out of order":
                (lines[4], lines[5]) = (lines[5], lines[4]);
                break;
            case "duplicate row":
                lines.Insert(5, lines[4]);
                break;
            case "impossible prices":
                lines[4] = stamp(4) + "1,2,3,1,5";
                break;
            case "negative volume":
                lines[4] = stamp(4) + "1,2,0.5,1,-1";
                break;
            case "row outside coverage":
                lines.Add("2026-11-10 00:00:00,1,2,0.5,1,5");
                break;
            case "wrong header":
                lines[0] = "time,open,high,low,close,volume";
                break;
            case "unreadable ledger":
                File.WriteAllText(ledger, "{ not json");
                return;
            case "ledger gap":
                File.WriteAllText(ledger, File.ReadAllText(ledger).Replace(
                    "\"end\": \"2026-11-10T00:00:00+00:00\"",
                    "\"end\": \"2026-11-09T10:00:00+00:00\"\n    },\n    {\n      \"start\": \"2026-11-09T11:00:00+00:00\",\n      \"end\": \"2026-11-10T00:00:00+00:00\"",
                    StringComparison.Ordinal));
                lines.RemoveAll(l => l.StartsWith("2026-11-09 10:", StringComparison.Ordinal));
                break;
            case "no ledger":
                File.Delete(ledger);
                return;
            case "partial last row":
                File.AppendAllText(csv, "2026-11-10 00:00:00,1,2");
                return;
            case "temp file":
                File.WriteAllText(csv + ".0123456789abcdef.tmp", "half");
                return;
        }
        File.WriteAllText(csv, string.Join("\n", lines) + "\n");
    }
}
