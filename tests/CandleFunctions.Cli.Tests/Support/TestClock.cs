using System.Diagnostics;

namespace CandleFunctions.Cli.Tests.Support;

/// <summary>
/// A clock that runs at real speed from a fixed start instant and can jump forward; shared by the
/// simulator and the CLI so that tests do not depend on today's date.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private long _jumpTicks;

    public override DateTimeOffset GetUtcNow() =>
        start + _elapsed.Elapsed + TimeSpan.FromTicks(Interlocked.Read(ref _jumpTicks));

    /// <summary>Moves the clock forward at once by <paramref name="span"/> (timers already running keep their real durations).</summary>
    public void Jump(TimeSpan span) => Interlocked.Add(ref _jumpTicks, span.Ticks);
}
