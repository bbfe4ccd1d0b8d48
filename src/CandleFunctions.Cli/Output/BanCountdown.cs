using System.Globalization;

namespace CandleFunctions.Cli.Output;

/// <summary>Waits out a short IP ban, showing how long is left, so a run can carry on afterwards.</summary>
public sealed class BanCountdown(TextWriter output, TimeProvider time, TimeSpan tick)
{
    /// <summary>Waits until <paramref name="until"/> (a local instant), writing the time left every tick; Ctrl+C cancels at once.</summary>
    public async Task WaitAsync(DateTimeOffset until, string why, CancellationToken cancellationToken)
    {
        output.WriteLine($"Binance banned this IP until {until:yyyy-MM-dd HH:mm:ss} UTC ({why}); waiting {Format(until - time.GetUtcNow())} for it to end, then carrying on. Ctrl+C stops.");
        while (true)
        {
            var left = until - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
                break;
            await Task.Delay(left < tick ? left : tick, time, cancellationToken);
            left = until - time.GetUtcNow();
            if (left > TimeSpan.Zero)
                output.WriteLine($"  ban ends in {Format(left)}");
        }
        output.WriteLine("Ban over: carrying on.");
    }

    private static string Format(TimeSpan span)
    {
        var seconds = (long)Math.Ceiling(Math.Max(0, span.TotalSeconds));
        return seconds >= 60
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m {seconds % 60:00}s")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds}s");
    }
}
