using CandleFunctions.Core.Adoption;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Core.Tests.Adoption;

/// <summary>A made-up exchange for the pure tests: every minute a distinct candle, and helpers to write it as a notebook would.</summary>
internal static class Market
{
    public const string Symbol = "BTCUSDT";

    public static readonly DateTimeOffset T0 = new(2026, 10, 24, 0, 0, 0, TimeSpan.Zero);

    public static Candle At(DateTimeOffset minute)
    {
        var n = (decimal)(minute - T0).TotalMinutes;
        var open = 86_000m + (n % 997) / 10m;
        var close = 86_000m + ((n + 1) % 997) / 10m;
        return new Candle(Symbol, minute, open, Math.Max(open, close) + 1.5m, Math.Min(open, close) - 1.5m, close, 10m + (n % 13) * 0.125m);
    }

    public static List<Candle> Truth(UtcRange range)
    {
        var candles = new List<Candle>();
        for (var t = range.Start; t < range.End; t += MinuteTime.OneMinute)
            candles.Add(At(t));
        return candles;
    }

    /// <summary>The exchange's answer over <paramref name="known"/>.</summary>
    public static ExchangeSample Sample(params UtcRange[] known) =>
        new(known.SelectMany(Truth), CoverageSet.Of(known));

    /// <summary>Rows as written by a machine in <paramref name="zone"/> (or at <paramref name="offset"/>).</summary>
    public static List<Candle> Written(IEnumerable<Candle> truth, TimeZoneInfo? zone = null, TimeSpan offset = default) =>
        truth.Select(c => c with
        {
            Timestamp = zone is null
                ? c.Timestamp + offset
                : new DateTimeOffset(DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(c.Timestamp.UtcDateTime, zone), DateTimeKind.Unspecified), TimeSpan.Zero),
        }).ToList();

    public static UtcRange Range(double fromHours, double toHours) => new(T0.AddHours(fromHours), T0.AddHours(toHours));
}
