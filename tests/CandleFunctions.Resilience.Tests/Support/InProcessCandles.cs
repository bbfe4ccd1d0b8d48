using CandleFunctions.Cli;

namespace CandleFunctions.Resilience.Tests.Support;

/// <summary>Runs <c>candles</c> inside the test process (same code as the real command, no process start-up).</summary>
public static class InProcessCandles
{
    public static async Task<CandlesExit> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CandlesApp.RunAsync(args, CliConsole.Plain(output, error), TimeProvider.System, CancellationToken.None);
        return new CandlesExit(code, output.ToString(), error.ToString());
    }
}
