using System.Globalization;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage.Tests.Support;

/// <summary>Candles and ranges counted in minutes from a fixed origin.</summary>
public static class TestCandles
{
    public const string Symbol = "BTCUSDT";

    public static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Time(int minute) => T0.AddMinutes(minute);

    public static UtcRange Range(int startMinute, int endMinute) => new(Time(startMinute), Time(endMinute));

    public static CoverageSet Covering(int startMinute, int endMinute) => CoverageSet.Of(Range(startMinute, endMinute));

    /// <summary>A candle whose values encode its minute, so a moved or altered row is visible.</summary>
    public static Candle At(int minute, string close = "100.50") =>
        new(Symbol, Time(minute), 100m + minute, 200.00m + minute, 50.5m, Dec(close), 1.000m * minute);

    public static List<Candle> Minutes(int startMinute, int endMinute) =>
        Enumerable.Range(startMinute, endMinute - startMinute).Select(m => At(m)).ToList();

    public static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
