using System.Globalization;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Binance.Tests.Archive;

/// <summary>Short ways to write UTC instants and ranges in tests.</summary>
internal static class Utc
{
    public static DateTimeOffset At(string text) =>
        DateTimeOffset.ParseExact(text, ["yyyy-MM-dd", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static UtcRange Range(string start, string end) => new(At(start), At(end));

    public static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
