namespace CandleFunctions.Cli.Tests.Support;

/// <summary>Runs the <c>candles</c> command in-process with captured stdout and stderr.</summary>
public static class CandlesCommand
{
    public static async Task<CliResult> RunAsync(TimeProvider time, CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // Progress lines come from several threads.
        var console = CliConsole.Plain(TextWriter.Synchronized(output), TextWriter.Synchronized(error));
        var exit = await CandlesApp.RunAsync(args, console, time, cancellationToken);
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}
