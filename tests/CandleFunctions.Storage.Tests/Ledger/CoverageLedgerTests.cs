using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Ledger;
using static CandleFunctions.Storage.Tests.Support.TestCandles;

namespace CandleFunctions.Storage.Tests.Ledger;

public class CoverageLedgerTests
{
    [Fact]
    public void Serialize_ThenParse_RoundTrips()
    {
        var covered = CoverageSet.Of(Range(0, 10), Range(20, 30));

        var parsed = CoverageLedger.Parse(CoverageLedger.Serialize(Symbol, covered), "x", Symbol);

        Assert.Equal(covered, parsed);
    }

    [Fact]
    public void Serialize_WritesReadableUtcRangesWithLfEndings()
    {
        var json = CoverageLedger.Serialize(Symbol, Covering(0, 1));

        Assert.Contains("\"start\": \"2024-01-01T00:00:00+00:00\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "not a valid ledger")]
    [InlineData("null", "it is empty")]
    [InlineData("{\"version\":2,\"symbol\":\"BTCUSDT\",\"covered\":[]}", "unsupported version 2")]
    [InlineData("{\"version\":1,\"symbol\":\"ETHUSDT\",\"covered\":[]}", "ledger of ETHUSDT")]
    [InlineData("{\"version\":1,\"symbol\":\"BTCUSDT\"}", "not a valid ledger")]
    [InlineData("{\"version\":1,\"symbol\":\"BTCUSDT\",\"covered\":[{\"start\":\"2024-01-02T00:00:00Z\",\"end\":\"2024-01-01T00:00:00Z\"}]}", "empty or reversed")]
    public void Parse_InvalidLedger_ThrowsWithReason(string json, string reason)
    {
        var error = Assert.Throws<CorruptLedgerException>(() => CoverageLedger.Parse(json, "BTCUSDT.ledger.json", Symbol));

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith("BTCUSDT.ledger.json: ", error.Message, StringComparison.Ordinal);
    }
}
