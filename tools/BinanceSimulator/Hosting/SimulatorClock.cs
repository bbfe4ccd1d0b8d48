namespace BinanceSimulator.Hosting;

/// <summary>
/// The exchange's clock: the host's <see cref="TimeProvider"/> plus <see cref="SimulatorOptions.ClockOffset"/>
/// (read on every call, so tests may change the offset while running).
/// </summary>
public sealed class SimulatorClock(TimeProvider time, SimulatorOptions options)
{
    public TimeProvider Time { get; } = time;

    public DateTimeOffset ServerNow => Time.GetUtcNow() + options.ClockOffset;
}
