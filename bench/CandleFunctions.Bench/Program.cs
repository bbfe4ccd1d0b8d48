using System.Globalization;
using BinanceSimulator.Rest.RateLimiting;
using CandleFunctions.Bench;

// dotnet run -c Release --project bench/CandleFunctions.Bench -- sync [symbols] [days] [limit] [windowSeconds]
//                                                              -- neighbour steady|burst [share] [symbols] [days] [limit] [windowSeconds]
//                                                              -- memory [days]
// (BENCH_WINDOWS=1 also prints the weight counted in each window)
//                                                              -- archive [symbols] [months]
//                                                              -- parquet-libs [runs]
//                                                              -- parquet-encodings
//                                                              -- parquet [symbols] [months] [runs]
//                                                              -- parquet-load DATA_DIR [repeats]   (a folder synced with --format both)
//                                                              -- ingest [symbols] [days] [latencyMs] [runs] [archiveConcurrency]
//                                                              -- ingest-serve [symbols] [days] [latencyMs]   (serves until stdin closes)
var verb = args.Length > 0 ? args[0] : "sync";
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
var end = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1);
return verb switch
{
    "sync" => await SyncBenchmark.RunAsync(Arg(1, 20), Arg(2, 30), Arg(3, 600), Arg(4, 5), end),
    // Another program on the same IP spending a share of every window, steadily or in a burst at its start.
    "neighbour" when args.Length > 1 && args[1] is "steady" or "burst" => await SyncBenchmark.RunAsync(
        Arg(3, 20), Arg(4, 30), Arg(5, 600), Arg(6, 5), end,
        new NeighbourOptions { Share = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.4, Burst = args[1] == "burst" }),
    // One symbol over a long range, with a generous limit: memory must stay flat whatever the range length.
    "memory" => await SyncBenchmark.RunAsync(1, Arg(1, 365), 6000, 1, end),
    "archive" => await ArchiveBenchmark.RunAsync(Arg(1, 10), Arg(2, 3)),
    "parquet-libs" => await ParquetLibraryBenchmark.RunAsync(Arg(1, 5)),
    "parquet-encodings" => await ParquetEncodingBenchmark.RunAsync(),
    "parquet" => await ParquetBenchmark.RunAsync(Arg(1, 1), Arg(2, 12), Arg(3, 3)),
    "parquet-load" when args.Length > 1 => await ParquetLoadBenchmark.RunAsync(args[1], Arg(2, 5)),
    "ingest" => await IngestBenchmark.RunAsync(Arg(1, 10), Arg(2, 120), Arg(3, 100), Arg(4, 1), Arg(5, 0)),
    "ingest-serve" => await IngestBenchmark.ServeAsync(Arg(1, 10), Arg(2, 120), Arg(3, 0)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: bench sync [symbols] [days] [limit] [windowSeconds] | bench neighbour steady|burst [share] [symbols] [days] [limit] [windowSeconds] | bench memory [days] | bench archive [symbols] [months] | bench parquet-libs [runs] | bench parquet-encodings | bench parquet [symbols] [months] [runs] | bench parquet-load DATA_DIR [repeats] | bench ingest [symbols] [days] [latencyMs] [runs] [archiveConcurrency] | bench ingest-serve [symbols] [days] [latencyMs]");
    return 2;
}
