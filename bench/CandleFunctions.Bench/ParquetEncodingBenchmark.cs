using System.Globalization;
using System.Text.Json;
using BinanceSimulator.Hosting;
using CandleFunctions.Core.Candles;
using CandleFunctions.Storage.Csv;
using CandleFunctions.Storage.Parquet;
using Parquet;
using Parquet.Schema;

namespace CandleFunctions.Bench;

/// <summary>
/// Bytes of one month of candles as our CSV and as Parquet under several encodings, on real captures (a NEARUSDT
/// archive month, 3,000 BTCUSDT REST rows) and on the simulator's data in both its modes, so the encoding is chosen
/// on data shaped like the exchange's.
/// </summary>
public static class ParquetEncodingBenchmark
{
    public static async Task<int> RunAsync()
    {
        var fixtures = Path.Combine(RepoFixtures(), "binance");
        var sets = new List<(string Name, List<Candle> Rows)>
        {
            ("real NEARUSDT 2026-02 (archive)", ReadArchiveCsv(Path.Combine(fixtures, "vision_um_monthly_NEARUSDT-1m-2026-02_with_header.csv"), "NEARUSDT")),
            ("real BTCUSDT 3,000 min (REST)", ReadRestJson(Path.Combine(fixtures, "rest_fapi_klines_BTCUSDT_1m_3000rows_reserialized.json"), "BTCUSDT")),
        };
        foreach (var realistic in new[] { false })
        {
            await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions());
            var end = new DateTimeOffset(simulator.ServerNow.Year, simulator.ServerNow.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
            foreach (var symbol in new[] { "BTCUSDT", "DOGEUSDT" })
            {
                var rows = simulator.Market.ClosedTradedCandles(symbol, new UtcRange(end.AddMonths(-1), end), simulator.ServerNow)
                    .Select(k => ToCandle(symbol, k.OpenTime, k.Open, k.High, k.Low, k.Close, k.Volume, k.QuoteVolume, k.Count, k.TakerBuyVolume, k.TakerBuyQuoteVolume))
                    .ToList();
                sets.Add(($"simulator {(realistic ? "realistic" : "default")} {symbol} one month", rows));
            }
        }

        Console.WriteLine($"{"data",-44}{"rows",8}{"CSV B",12}{"ours B",12}{"% CSV",8}{"6 col B",12}{"% CSV",8}{"bss B",12}{"plain B",12}{"int64Δ B",12}");
        foreach (var (name, rows) in sets)
        {
            var csv = await CsvBytesAsync(rows);
            var ours = await OursAsync(rows);
            var six = await OursAsync(rows.Select(r => r with { Extras = null }).ToList());
            var bss = Variant(rows, EncodingHint.ByteSplitStream, dictionary: false);
            var plain = Variant(rows, EncodingHint.Default, dictionary: false);
            var ints = ScaledInt64(rows);
            Console.WriteLine($"{name,-44}{rows.Count,8:N0}{csv,12:N0}{ours,12:N0}{(double)ours / csv,8:P0}{six,12:N0}{(double)six / csv,8:P0}{bss,12:N0}{plain,12:N0}{ints,12:N0}");
        }
        Console.WriteLine("ours: the store's writer (10 columns); 6 col: the same without the extra columns, as the CSV;");
        Console.WriteLine("bss: float64 byte-stream-split, no dictionary; plain: float64 plain, no dictionary;");
        Console.WriteLine("int64Δ: every value scaled to an int64, delta-binary-packed (a reference: not what readers want). All zstd.");
        return 0;
    }

    private static string RepoFixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var shared = Path.Combine(dir.FullName, "..", "shared", "fixtures");
            if (File.Exists(Path.Combine(dir.FullName, "CandleFunctions.sln")) && Directory.Exists(shared))
                return shared;
        }
        throw new InvalidOperationException("The real captures are missing: expected ../shared/fixtures beside the repository.");
    }

    private static Candle ToCandle(string symbol, long openTime, string o, string h, string l, string c, string v, string q, long n, string tb, string tq) =>
        new(symbol, DateTimeOffset.FromUnixTimeMilliseconds(openTime), D(o), D(h), D(l), D(c), D(v)) { Extras = new KlineExtras(D(q), n, D(tb), D(tq)) };

    private static decimal D(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static List<Candle> ReadArchiveCsv(string path, string symbol) =>
        File.ReadLines(path).Skip(1).Select(line => line.Split(','))
            .Select(f => ToCandle(symbol, long.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2], f[3], f[4], f[5], f[7], long.Parse(f[8], CultureInfo.InvariantCulture), f[9], f[10]))
            .ToList();

    private static List<Candle> ReadRestJson(string path, string symbol)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(k => ToCandle(symbol, k[0].GetInt64(), k[1].GetString()!, k[2].GetString()!, k[3].GetString()!,
            k[4].GetString()!, k[5].GetString()!, k[7].GetString()!, k[8].GetInt64(), k[9].GetString()!, k[10].GetString()!)).ToList();
    }

    private static async Task<long> CsvBytesAsync(List<Candle> rows)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, CandleCsv.Encoding, leaveOpen: true))
        {
            await writer.WriteAsync(CandleCsv.Header + "\n");
            await CandleCsv.WriteRowsAsync(writer, rows, CancellationToken.None);
        }
        return buffer.Length;
    }

    private static async Task<long> OursAsync(List<Candle> rows)
    {
        using var buffer = new MemoryStream();
        await ParquetCandleFile.WriteAsync(buffer, rows[0].Symbol, rows, CancellationToken.None);
        return buffer.Length;
    }

    private static readonly string[] Names = ["open", "high", "low", "close", "volume", "quote_volume", "taker_buy_volume", "taker_buy_quote_volume"];

    private static decimal[] Values(Candle c) =>
        [c.Open, c.High, c.Low, c.Close, c.Volume, c.Extras!.QuoteVolume, c.Extras.TakerBuyVolume, c.Extras.TakerBuyQuoteVolume];

    private static long Variant(List<Candle> rows, EncodingHint hint, bool dictionary)
    {
        var fields = Names.Select(n => new DataField<double>(n)).ToArray();
        var time = new DataField<long>("open_time");
        var trades = new DataField<long>("trades");
        var options = Options(dictionary);
        foreach (var f in fields)
            options.ColumnEncodingHints[f.Path.ToString()] = hint;
        options.ColumnEncodingHints[time.Path.ToString()] = EncodingHint.DeltaBinaryPacked;
        options.ColumnEncodingHints[trades.Path.ToString()] = EncodingHint.DeltaBinaryPacked;
        var columns = Enumerable.Range(0, Names.Length).Select(i => rows.Select(r => (double)Values(r)[i]).ToArray()).ToArray();
        return Write(new ParquetSchema([time, .. fields, trades]), options, rows, async group =>
        {
            for (var i = 0; i < fields.Length; i++)
                await group.WriteAsync<double>(fields[i], columns[i]);
        }, time, trades);
    }

    private static long ScaledInt64(List<Candle> rows)
    {
        var fields = Names.Select(n => new DataField<long>(n)).ToArray();
        var time = new DataField<long>("open_time");
        var trades = new DataField<long>("trades");
        var options = Options(dictionary: false);
        foreach (var f in fields.Append(time).Append(trades))
            options.ColumnEncodingHints[f.Path.ToString()] = EncodingHint.DeltaBinaryPacked;
        var columns = Enumerable.Range(0, Names.Length).Select(i =>
        {
            var scale = rows.Max(r => Values(r)[i].Scale);
            var factor = (decimal)Math.Pow(10, scale);
            return rows.Select(r => (long)(Values(r)[i] * factor)).ToArray();
        }).ToArray();
        return Write(new ParquetSchema([time, .. fields, trades]), options, rows, async group =>
        {
            for (var i = 0; i < fields.Length; i++)
                await group.WriteAsync<long>(fields[i], columns[i]);
        }, time, trades);
    }

    private static ParquetOptions Options(bool dictionary) => new()
    {
        CompressionMethod = CompressionMethod.Zstd,
        CompressionLevel = System.IO.Compression.CompressionLevel.Optimal,
        DictionaryEncodingThreshold = dictionary ? 0.8 : 0,
    };

    private static long Write(ParquetSchema schema, ParquetOptions options, List<Candle> rows, Func<ParquetRowGroupWriter, Task> values, DataField<long> time, DataField<long> trades)
    {
        using var buffer = new MemoryStream();
        Task.Run(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, buffer, options);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<long>(time, rows.Select(r => r.OpenTimeMs).ToArray());
            await values(group);
            await group.WriteAsync<long>(trades, rows.Select(r => r.Extras!.Trades).ToArray());
        }).GetAwaiter().GetResult();
        return buffer.Length;
    }
}
