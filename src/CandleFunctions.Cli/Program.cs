using System.Runtime.InteropServices;
using CandleFunctions.Cli;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops cleanly (committed data stays); the process then exits with code 3.
    e.Cancel = true;
    stop.Cancel();
};
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
return await CandlesApp.RunAsync(args, CliConsole.System(), TimeProvider.System, stop.Token);
