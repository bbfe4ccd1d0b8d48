using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using BinanceSimulator.Hosting;

// Standalone: dotnet run --project tools/BinanceSimulator -- --port 0 [--config FILE]
// The first line of stdout is the base URL; runs until Ctrl+C or SIGTERM.
var port = 0;
string? configPath = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535:
            port = p;
            i++;
            break;
        case "--config" when value is not null:
            configPath = value;
            i++;
            break;
        default:
            Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'. Usage: BinanceSimulator [--port N] [--config FILE]");
            return 2;
    }
}

SimulatorOptions options;
try
{
    options = configPath is null ? new SimulatorOptions() : await SimulatorOptionsFile.LoadAsync(configPath, CancellationToken.None);
    options.Rest.Validate();
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException)
{
    Console.Error.WriteLine($"Cannot use configuration {configPath}: {e.Message}");
    return 2;
}

await using var host = await SimulatorHost.StartAsync(options, port: port);
Console.WriteLine(host.BaseUrl);
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stop.TrySetResult();
});
await stop.Task;
return 0;
