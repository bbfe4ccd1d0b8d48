using CandleFunctions.Core.Candles;

namespace CandleFunctions.Engine.Tests.Support;

/// <summary>Ranges on the real clock, relative to today's UTC midnight, so every test asks for closed candles.</summary>
public static class Days
{
    /// <summary>Today 00:00 UTC.</summary>
    public static DateTimeOffset Today => new(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>[today - <paramref name="daysAgo"/> days + <paramref name="fromHour"/> h, + <paramref name="hours"/> h).</summary>
    public static UtcRange Range(int daysAgo, int fromHour, int hours)
    {
        var start = Today.AddDays(-daysAgo).AddHours(fromHour);
        return new UtcRange(start, start.AddHours(hours));
    }
}
