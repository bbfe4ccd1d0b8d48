using System.Globalization;
using System.Text;
using BinanceSimulator.Market;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Ledger;

namespace CandleFunctions.Resilience.Tests.Support;

/// <summary>What the simulated exchange really has, as rows of our CSV, and checks of stored data against it.</summary>
public static class GroundTruth
{
    /// <summary>Every closed traded candle of <paramref name="symbol"/> in <paramref name="range"/>, as CSV rows.</summary>
    public static List<string> Rows(SimulatedMarket market, string symbol, UtcRange range) =>
        market.ClosedTradedCandles(symbol, range, DateTimeOffset.UtcNow)
            .Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{DateTimeOffset.FromUnixTimeMilliseconds(c.OpenTime).UtcDateTime:yyyy-MM-dd HH:mm:ss},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume}"))
            .ToList();

    /// <summary>
    /// The invariant a crash must keep: for every symbol with a ledger, the rows at minutes the ledger covers are
    /// exactly the exchange's candles at those minutes, in order. Returns null when it holds, else what breaks it.
    /// </summary>
    public static string? CoveredRowsProblem(string folder, SimulatedMarket market, IEnumerable<string> symbols)
    {
        foreach (var symbol in symbols)
        {
            var ledgerPath = Path.Combine(folder, symbol + ".ledger.json");
            var csvPath = Path.Combine(folder, symbol + ".csv");
            if (!File.Exists(ledgerPath))
                continue;
            if (!File.Exists(csvPath))
                return $"{symbol}: a ledger without its CSV";
            var covered = CoverageLedger.Parse(File.ReadAllText(ledgerPath), ledgerPath, symbol);
            var text = File.ReadAllText(csvPath, Encoding.UTF8);
            var lines = text.Split('\n').ToList();
            // The last piece is "" after a final '\n', or an unterminated in-flight row, which the next run drops.
            lines.RemoveAt(lines.Count - 1);
            if (lines.Count == 0 || lines[0] != "timestamp,open,high,low,close,volume")
                return $"{symbol}: header '{lines.FirstOrDefault()}'";
            var stored = lines.Skip(1).Where(l => covered.Contains(Minute(l))).ToList();
            var truth = covered.Ranges.SelectMany(r => Rows(market, symbol, r)).ToList();
            if (!stored.SequenceEqual(truth))
            {
                var i = Enumerable.Range(0, Math.Min(stored.Count, truth.Count)).FirstOrDefault(k => stored[k] != truth[k], Math.Min(stored.Count, truth.Count));
                return $"{symbol}: {stored.Count} covered rows, {truth.Count} expected; first difference at covered row {i}: "
                       + $"'{(i < stored.Count ? stored[i] : "<none>")}' instead of '{(i < truth.Count ? truth[i] : "<none>")}'";
            }
        }
        return null;
    }

    private static DateTimeOffset Minute(string row) =>
        DateTimeOffset.ParseExact(row[..19], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
