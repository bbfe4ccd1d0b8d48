using System.Text;
using BinanceSimulator.Market;
using CandleFunctions.Resilience.Tests.Support;

namespace CandleFunctions.Resilience.Tests.Crash;

/// <summary>The clean run every other run is compared with is itself exactly the exchange's data.</summary>
[Collection(ProcessCollection.Name)]
public sealed class ReferenceRunTests(ReferenceRun reference)
{
    [Fact]
    public void The_clean_run_stores_exactly_the_exchanges_closed_traded_candles()
    {
        var market = DefaultUniverse.Create();
        foreach (var symbol in Scenario.Symbols)
        {
            var expected = "timestamp,open,high,low,close,volume\n"
                           + string.Concat(GroundTruth.Rows(market, symbol, Scenario.Range).Select(r => r + "\n"));
            Assert.Equal(expected, Encoding.UTF8.GetString(reference.Snapshot.Files[symbol + ".csv"]));
        }
    }

    [Fact]
    public void The_clean_run_ledgers_cover_the_whole_range()
    {
        foreach (var symbol in Scenario.Symbols)
        {
            var ledger = Encoding.UTF8.GetString(reference.Snapshot.Files[symbol + ".ledger.json"]);
            Assert.Contains("\"start\": \"2026-11-09T00:00:00+00:00\"", ledger, StringComparison.Ordinal);
            Assert.Contains("\"end\": \"2026-11-21T00:00:00+00:00\"", ledger, StringComparison.Ordinal);
        }
    }
}
