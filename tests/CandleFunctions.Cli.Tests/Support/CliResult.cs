using System.Text.Json;

namespace CandleFunctions.Cli.Tests.Support;

/// <summary>What one in-process run of the <c>candles</c> command returned and printed.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The --json summary printed on stdout.</summary>
    public RunSummary Summary => new(JsonDocument.Parse(Stdout).RootElement.Clone());

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
