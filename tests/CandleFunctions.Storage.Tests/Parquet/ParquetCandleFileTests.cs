using System.Globalization;
using CandleFunctions.Core.Candles;
using CandleFunctions.Storage.Parquet;

namespace CandleFunctions.Storage.Tests.Parquet;

public sealed class ParquetCandleFileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Real_archive_rows_round_trip_to_the_exchange_text_and_to_the_float64_a_parser_reads()
    {
        // A real month of NEARUSDT from the public archive.
        var path = Path.Combine("..", "..", "..", "..", "..", "..", "shared", "fixtures", "binance", "vision_um_monthly_NEARUSDT-1m-2026-02_with_header_first1440rows.csv");
        var lines = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).ToList();
        var rows = lines.Select((l, i) => Binance.Archive.ArchiveCsvParser.ParseRow(l, "NEARUSDT", i + 2)).ToList();

        var read = await RoundTripAsync("NEARUSDT", rows);

        Assert.Equal(lines.Count, read.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var cells = lines[i].Split(',');
            var r = read[i];
            var x = r.Extras!;
            string[] texts = [Text(r.Open), Text(r.High), Text(r.Low), Text(r.Close), Text(r.Volume), Text(x.QuoteVolume), x.Trades.ToString(CultureInfo.InvariantCulture), Text(x.TakerBuyVolume), Text(x.TakerBuyQuoteVolume)];
            Assert.Equal(new[] { cells[1], cells[2], cells[3], cells[4], cells[5], cells[7], cells[8], cells[9], cells[10] }, texts);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(cells[0], CultureInfo.InvariantCulture)), r.Timestamp);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(12)]
    public async Task Every_value_of_up_to_15_significant_digits_survives_exactly_with_its_scale(int scale)
    {
        var random = new Random(13 + scale);
        var rows = new List<Candle>();
        for (var i = 0; i < 500; i++)
        {
            var mantissa = (long)(random.NextDouble() * Math.Pow(10, random.Next(1, 16)));
            var v = new decimal((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, false, (byte)scale);
            rows.Add(new Candle("XUSDT", T0.AddMinutes(i), v, v, v, v, v) { Extras = new KlineExtras(v, mantissa, v, v) });
        }

        var read = await RoundTripAsync("XUSDT", rows);

        Assert.Equal(rows.Select(r => Text(r.Open)), read.Select(r => Text(r.Open)));
        Assert.Equal(rows.Select(r => r.Extras), read.Select(r => r.Extras));
    }

    [Fact]
    public async Task The_stored_float64_is_the_double_nearest_the_exchange_text()
    {
        string[] texts = ["102325.60", "0.0000123", "7750497.63520", "114611.6240", "0.1", "99999999999.9999", "1234567.89012345"];
        var rows = texts.Select((t, i) => new Candle("XUSDT", T0.AddMinutes(i), D(t), D(t), D(t), D(t), D(t))).ToList();
        using var stream = new MemoryStream();
        await ParquetCandleFile.WriteAsync(stream, "XUSDT", rows, CancellationToken.None);
        stream.Position = 0;

        await using var reader = await global::Parquet.ParquetReader.CreateAsync(stream);
        var open = new double[texts.Length];
        await reader.OpenRowGroupReader(0).ReadAsync<double>(reader.Schema.GetDataFields()[1], open);

        Assert.Equal(texts.Select(t => double.Parse(t, CultureInfo.InvariantCulture)), open);
    }

    [Fact]
    public async Task A_value_float64_cannot_hold_exactly_is_refused_not_rounded()
    {
        var rows = new List<Candle> { new("XUSDT", T0, 1m, 1m, 1m, 1m, D("1234567890.1234567")) };
        using var stream = new MemoryStream();

        var e = await Assert.ThrowsAsync<InexactValueException>(() => ParquetCandleFile.WriteAsync(stream, "XUSDT", rows, CancellationToken.None));

        Assert.Equal("volume", e.Column);
    }

    [Fact]
    public async Task Values_are_refused_exactly_when_the_float64_round_trip_would_change_them()
    {
        // The writer skips the round trip for coefficients below 10^15; it must still refuse exactly what the round trip refuses.
        var random = new Random(1315);
        for (var i = 0; i < 2_000; i++)
        {
            var digits = random.Next(12, 20);
            var coefficient = (ulong)(random.NextDouble() * Math.Pow(10, digits));
            var v = new decimal((int)(coefficient & 0xFFFFFFFF), (int)(coefficient >> 32), 0, false, (byte)random.Next(0, 29));
            var rows = new List<Candle> { new("XUSDT", T0, 1m, 1m, 1m, 1m, v) };
            using var stream = new MemoryStream();
            var refused = false;
            try
            {
                await ParquetCandleFile.WriteAsync(stream, "XUSDT", rows, CancellationToken.None);
            }
            catch (InexactValueException)
            {
                refused = true;
            }

            Assert.True((decimal)(double)v != v == refused, $"{v} refused={refused}");
        }
    }

    [Fact]
    public async Task A_value_with_trailing_zeros_past_15_digits_is_stored_exactly()
    {
        var v = D("1.50000000000000000000");
        var read = await RoundTripAsync("XUSDT", [new Candle("XUSDT", T0, v, v, v, v, v)]);

        Assert.Equal(v, read[0].Open);
        Assert.Equal("1.50000000000000000000", Text(read[0].Open));
    }

    [Fact]
    public async Task Trades_are_delta_packed_and_read_back_exactly()
    {
        var rows = Enumerable.Range(0, 1000).Select(i => new Candle("XUSDT", T0.AddMinutes(i), 1m, 1m, 1m, 1m, 1m)
        {
            Extras = new KlineExtras(1m, 1_000 + (i * 7919 % 500), 1m, 1m),
        }).ToList();
        using var stream = new MemoryStream();
        await ParquetCandleFile.WriteAsync(stream, "XUSDT", rows, CancellationToken.None);
        stream.Position = 0;

        await using (var reader = await global::Parquet.ParquetReader.CreateAsync(stream, leaveStreamOpen: true))
        {
            var trades = reader.Metadata!.RowGroups[0].Columns.Single(c => c.MetaData!.PathInSchema.SequenceEqual(["trades"]));
            Assert.Contains(global::Parquet.Meta.Encoding.DELTA_BINARY_PACKED, trades.MetaData!.Encodings);
        }
        stream.Position = 0;
        var read = await ParquetCandleFile.ReadAsync(stream, "x.parquet", "XUSDT", CancellationToken.None);

        Assert.Equal(rows.Select(r => r.Extras!.Trades), read.Select(r => r.Extras!.Trades));
    }

    [Fact]
    public async Task Rows_without_extras_store_nulls_and_read_back_without_extras()
    {
        var rows = new List<Candle>
        {
            new("XUSDT", T0, 1.5m, 2m, 1m, 1.75m, 10m),
            new("XUSDT", T0.AddMinutes(1), 1.5m, 2m, 1m, 1.75m, 10m) { Extras = new KlineExtras(17.5m, 3, 4m, 7m) },
        };

        var read = await RoundTripAsync("XUSDT", rows);

        Assert.Null(read[0].Extras);
        Assert.Equal(rows[1].Extras, read[1].Extras);
    }

    [Fact]
    public async Task A_file_that_is_not_a_candle_month_is_reported_as_corrupt()
    {
        using var stream = new MemoryStream("PAR1 not really parquet PAR1"u8.ToArray());

        await Assert.ThrowsAsync<CorruptParquetFileException>(() => ParquetCandleFile.ReadAsync(stream, "x.parquet", "XUSDT", CancellationToken.None));
    }

    private static async Task<List<Candle>> RoundTripAsync(string symbol, IReadOnlyList<Candle> rows)
    {
        using var stream = new MemoryStream();
        await ParquetCandleFile.WriteAsync(stream, symbol, rows, CancellationToken.None);
        stream.Position = 0;
        return await ParquetCandleFile.ReadAsync(stream, "memory", symbol, CancellationToken.None);
    }

    private static decimal D(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
