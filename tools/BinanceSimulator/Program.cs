using BinanceSimulator.Hosting;

// Standalone: dotnet run --project tools/BinanceSimulator -- --port 0
var port = 0;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--port")
        port = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
}
await using var host = await SimulatorHost.StartAsync(port: port);
Console.WriteLine(host.BaseUrl);
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
await stop.Task;
