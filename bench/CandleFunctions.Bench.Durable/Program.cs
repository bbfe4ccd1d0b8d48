using System.Globalization;
using CandleFunctions.Bench.Durable;

// dotnet run -c Release --project bench/CandleFunctions.Bench.Durable -- rest [symbols] [days] [limit] [windowSeconds]
//                                                                      -- archive [symbols] [days]
//        any argument Name=value sets CandleFunctions:Name for the app (e.g. PagesPerChunk=16 WavesInFlight=2)
var settings = args.Where(a => a.Contains('=', StringComparison.Ordinal))
    .Select(a => a.Split('=', 2))
    .ToDictionary(p => "CandleFunctions:" + p[0], p => (string?)p[1]);
args = args.Where(a => !a.Contains('=', StringComparison.Ordinal)).ToArray();
var verb = args.Length > 0 ? args[0] : "rest";
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
return verb switch
{
    "rest" => await DurableBenchmark.RunAsync(Arg(1, 20), Arg(2, 30), Arg(3, 600), Arg(4, 5), archive: false, settings),
    "archive" => await DurableBenchmark.RunAsync(Arg(1, 5), Arg(2, 60), Arg(3, 600), Arg(4, 5), archive: true, settings),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: bench rest [symbols] [days] [limit] [windowSeconds] [Setting=value ...] | bench archive [symbols] [days] [limit] [windowSeconds] [Setting=value ...]");
    return 2;
}
