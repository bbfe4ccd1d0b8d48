using System.Globalization;
using BinanceSimulator.Market;
using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Binance.Tests.Archive;

/// <summary>Compares fetched candles with the simulator's ground truth: same minutes, same value text.</summary>
internal static class CandleAssert
{
    public static void SameAs(IEnumerable<SimCandle> expected, IReadOnlyList<Candle> actual, string symbol)
    {
        var truth = expected.ToList();
        Assert.NotEmpty(truth);
        Assert.Equal(truth.Count, actual.Count);
        for (var i = 0; i < truth.Count; i++)
        {
            var (e, a) = (truth[i], actual[i]);
            Assert.Equal(symbol, a.Symbol);
            Assert.Equal(e.OpenTime, a.OpenTimeMs);
            Assert.Equal(
                (e.Open, e.High, e.Low, e.Close, e.Volume),
                (Text(a.Open), Text(a.High), Text(a.Low), Text(a.Close), Text(a.Volume)));
        }
    }

    public static async Task<List<Candle>> ReadAllAsync(ArchiveFetchResult result)
    {
        var candles = new List<Candle>();
        await foreach (var candle in result.ReadCandlesAsync())
            candles.Add(candle);
        return candles;
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
