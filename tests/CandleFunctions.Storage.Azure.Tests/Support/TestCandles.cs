using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage.Azure.Tests.Support;

/// <summary>Candles and ranges counted in minutes from a fixed origin; values encode the minute so a moved row shows.</summary>
public static class TestCandles
{
    public const string Symbol = "ETHUSDT";

    public static readonly DateTimeOffset T0 = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Time(int minute) => T0.AddMinutes(minute);

    public static CoverageSet Covering(int startMinute, int endMinute) => CoverageSet.Of(new UtcRange(Time(startMinute), Time(endMinute)));

    public static Candle At(int minute) =>
        new(Symbol, Time(minute), 3000m + minute, 3001.5m + minute, 2999.25m, 3000.75m + minute, 12.345m * (minute + 1));

    public static List<Candle> Minutes(int startMinute, int endMinute) =>
        Enumerable.Range(startMinute, endMinute - startMinute).Select(At).ToList();
}
