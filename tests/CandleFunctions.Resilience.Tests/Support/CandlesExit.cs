namespace CandleFunctions.Resilience.Tests.Support;

/// <summary>How a candles process ended: its exit code (137 after SIGKILL) and what it printed.</summary>
public sealed record CandlesExit(int Code, string Output, string Error)
{
    public override string ToString() => $"exit {Code}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
