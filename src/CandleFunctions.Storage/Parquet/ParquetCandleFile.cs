using System.Globalization;
using CandleFunctions.Core.Candles;
using global::Parquet;
using global::Parquet.Schema;

namespace CandleFunctions.Storage.Parquet;

/// <summary>
/// Reads and writes one month file: typed columns (<c>open_time</c> as a UTC millisecond timestamp, prices and
/// volumes as float64, <c>trades</c> as int64), ascending, zstd-compressed, one row group per file so a whole month
/// is one read. Values are float64 because every reader (pandas above all) loads it as a plain number; exactness is
/// kept by a rule: every value has at most 15 significant digits (refused otherwise), so the double is the one
/// nearest the exchange's decimal and converting it back to decimal gives that decimal again. The exchange's text
/// (trailing zeros included) is that decimal written with the column's scale, stored in the file's key-value metadata.
/// </summary>
public static class ParquetCandleFile
{
    /// <summary>Key-value metadata key prefix holding each decimal column's scale, e.g. <c>candles.scale.open = 2</c>.</summary>
    public const string ScaleKeyPrefix = "candles.scale.";

    /// <summary>Key-value metadata key holding the symbol.</summary>
    public const string SymbolKey = "candles.symbol";

    /// <summary>The column names, in file order (the exchange's kline order).</summary>
    public static readonly IReadOnlyList<string> ColumnNames =
        ["open_time", "open", "high", "low", "close", "volume", "quote_volume", "trades", "taker_buy_volume", "taker_buy_quote_volume"];

    // 10^15: coefficients below it have at most 15 significant digits; 10^22 is the largest power of ten a double holds.
    private const ulong MaxExactCoefficient = 1_000_000_000_000_000;
    private const int MaxExactScale = 22;

    private static readonly DateTimeDataField s_openTime = new("open_time", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis);
    private static readonly DataField<double> s_open = new("open");
    private static readonly DataField<double> s_high = new("high");
    private static readonly DataField<double> s_low = new("low");
    private static readonly DataField<double> s_close = new("close");
    private static readonly DataField<double> s_volume = new("volume");
    private static readonly DataField<double?> s_quoteVolume = new("quote_volume");
    private static readonly DataField<long?> s_trades = new("trades");
    private static readonly DataField<double?> s_takerBuyVolume = new("taker_buy_volume");
    private static readonly DataField<double?> s_takerBuyQuoteVolume = new("taker_buy_quote_volume");

    private static readonly ParquetSchema s_schema = new(
        s_openTime, s_open, s_high, s_low, s_close, s_volume, s_quoteVolume, s_trades, s_takerBuyVolume, s_takerBuyQuoteVolume);

    private static readonly ParquetOptions s_options = Options();

    /// <summary>
    /// Writes <paramref name="rows"/> (one symbol's, ascending, unique minutes) as one row group. The extra columns
    /// are null for rows that came without them (a CSV converted by <c>candles export</c>).
    /// </summary>
    /// <exception cref="InexactValueException">A value has more than 15 significant digits.</exception>
    public static async Task WriteAsync(Stream output, string symbol, IReadOnlyList<Candle> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var n = rows.Count;
        var times = new DateTime[n];
        var prices = new double[5][];
        var extras = new double?[3][];
        for (var c = 0; c < prices.Length; c++)
            prices[c] = new double[n];
        for (var c = 0; c < extras.Length; c++)
            extras[c] = new double?[n];
        var trades = new long?[n];
        var scales = new int[8];
        for (var i = 0; i < n; i++)
        {
            var row = rows[i];
            times[i] = row.Timestamp.UtcDateTime;
            prices[0][i] = Exact(row, "open", row.Open, ref scales[0]);
            prices[1][i] = Exact(row, "high", row.High, ref scales[1]);
            prices[2][i] = Exact(row, "low", row.Low, ref scales[2]);
            prices[3][i] = Exact(row, "close", row.Close, ref scales[3]);
            prices[4][i] = Exact(row, "volume", row.Volume, ref scales[4]);
            if (row.Extras is { } x)
            {
                extras[0][i] = Exact(row, "quote_volume", x.QuoteVolume, ref scales[5]);
                trades[i] = x.Trades;
                extras[1][i] = Exact(row, "taker_buy_volume", x.TakerBuyVolume, ref scales[6]);
                extras[2][i] = Exact(row, "taker_buy_quote_volume", x.TakerBuyQuoteVolume, ref scales[7]);
            }
        }

        await using var writer = await ParquetWriter.CreateAsync(s_schema, output, s_options, cancellationToken: cancellationToken);
        writer.CustomMetadata = Metadata(symbol, scales);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<DateTime>(s_openTime, times, cancellationToken: cancellationToken);
        await group.WriteAsync<double>(s_open, prices[0], cancellationToken: cancellationToken);
        await group.WriteAsync<double>(s_high, prices[1], cancellationToken: cancellationToken);
        await group.WriteAsync<double>(s_low, prices[2], cancellationToken: cancellationToken);
        await group.WriteAsync<double>(s_close, prices[3], cancellationToken: cancellationToken);
        await group.WriteAsync<double>(s_volume, prices[4], cancellationToken: cancellationToken);
        await group.WriteAsync<double>(s_quoteVolume, extras[0], cancellationToken: cancellationToken);
        await group.WriteAsync<long>(s_trades, trades, cancellationToken: cancellationToken);
        await group.WriteAsync<double>(s_takerBuyVolume, extras[1], cancellationToken: cancellationToken);
        await group.WriteAsync<double>(s_takerBuyQuoteVolume, extras[2], cancellationToken: cancellationToken);
    }

    /// <summary>Reads every row of a month file written by <see cref="WriteAsync"/>, in file order.</summary>
    /// <exception cref="CorruptParquetFileException">The file is not such a file.</exception>
    public static async Task<List<Candle>> ReadAsync(Stream input, string source, string symbol, CancellationToken cancellationToken)
    {
        try
        {
            await using var reader = await ParquetReader.CreateAsync(input, s_options, cancellationToken: cancellationToken);
            CheckSchema(reader.Schema, source);
            var scales = Scales(reader.CustomMetadata);
            var rows = new List<Candle>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var group = reader.OpenRowGroupReader(g);
                var n = checked((int)group.RowCount);
                var times = new DateTime[n];
                await group.ReadAsync<DateTime>(s_openTime, times, cancellationToken: cancellationToken);
                var open = await ReadAsync(group, s_open, n, cancellationToken);
                var high = await ReadAsync(group, s_high, n, cancellationToken);
                var low = await ReadAsync(group, s_low, n, cancellationToken);
                var close = await ReadAsync(group, s_close, n, cancellationToken);
                var volume = await ReadAsync(group, s_volume, n, cancellationToken);
                var quote = await ReadNullableAsync<double>(group, s_quoteVolume, n, cancellationToken);
                var trades = await ReadNullableAsync<long>(group, s_trades, n, cancellationToken);
                var taker = await ReadNullableAsync<double>(group, s_takerBuyVolume, n, cancellationToken);
                var takerQuote = await ReadNullableAsync<double>(group, s_takerBuyQuoteVolume, n, cancellationToken);
                for (var i = 0; i < n; i++)
                {
                    var time = new DateTimeOffset(DateTime.SpecifyKind(times[i], DateTimeKind.Utc));
                    var candle = new Candle(symbol, time, Decimal(open[i], scales[0]), Decimal(high[i], scales[1]), Decimal(low[i], scales[2]),
                        Decimal(close[i], scales[3]), Decimal(volume[i], scales[4]));
                    if (quote[i] is { } q && trades[i] is { } t && taker[i] is { } tb && takerQuote[i] is { } tq)
                        candle = candle with { Extras = new KlineExtras(Decimal(q, scales[5]), t, Decimal(tb, scales[6]), Decimal(tq, scales[7])) };
                    rows.Add(candle);
                }
            }
            return rows;
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw new CorruptParquetFileException(source, $"not a readable candle Parquet file ({e.Message})", e);
        }
    }

    /// <summary>Row count and first and last open time, reading only the <c>open_time</c> column.</summary>
    /// <exception cref="CorruptParquetFileException">The file is not a candle month file.</exception>
    public static async Task<MonthSummary> SummarizeAsync(Stream input, string source, CancellationToken cancellationToken)
    {
        try
        {
            await using var reader = await ParquetReader.CreateAsync(input, s_options, cancellationToken: cancellationToken);
            CheckSchema(reader.Schema, source);
            long rows = 0;
            DateTimeOffset? first = null;
            DateTimeOffset? last = null;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var group = reader.OpenRowGroupReader(g);
                var n = checked((int)group.RowCount);
                if (n == 0)
                    continue;
                var times = new DateTime[n];
                await group.ReadAsync<DateTime>(s_openTime, times, cancellationToken: cancellationToken);
                first ??= new DateTimeOffset(DateTime.SpecifyKind(times[0], DateTimeKind.Utc));
                last = new DateTimeOffset(DateTime.SpecifyKind(times[^1], DateTimeKind.Utc));
                rows += n;
            }
            return new MonthSummary(rows, first, last);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw new CorruptParquetFileException(source, $"not a readable candle Parquet file ({e.Message})", e);
        }
    }

    /// <summary>
    /// zstd at Parquet.Net's Optimal level (SmallestSize is 9% smaller and 20 times slower); <c>trades</c> delta-packed
    /// (28% smaller than plain under zstd; every reader decodes it). The timestamps stay plain: Parquet.Net delta-packs
    /// only integer columns, not timestamps.
    /// </summary>
    private static ParquetOptions Options()
    {
        var options = new ParquetOptions
        {
            CompressionMethod = CompressionMethod.Zstd,
            CompressionLevel = System.IO.Compression.CompressionLevel.Optimal,
        };
        options.ColumnEncodingHints[s_trades.Path.ToString()] = EncodingHint.DeltaBinaryPacked;
        return options;
    }

    /// <summary>The decimal a stored float64 stands for, written with the column's scale (the exchange's text).</summary>
    public static decimal Decimal(double value, int scale)
    {
        // The conversion rounds to 15 significant digits: exactly the decimal the writer checked it came from.
        var exact = (decimal)value;
        return exact.Scale >= scale ? exact : exact + new decimal(0, 0, 0, false, (byte)scale);
    }

    private static bool IsUnreadable(Exception e) =>
        e is not (CorruptParquetFileException or OperationCanceledException)
        && e is IOException or InvalidDataException or InvalidOperationException or ArgumentException or NotSupportedException
            or IndexOutOfRangeException or FormatException or OverflowException;

    private static double Exact(Candle row, string column, decimal value, ref int scale)
    {
        var number = (double)value;
        // Fast path: a coefficient below 10^15 has at most 15 significant digits, and with a scale the double powers of
        // ten hold exactly, the conversion is one correctly rounded division, so the round trip holds without checking.
        // Anything else (trailing zeros past 15 digits, say) takes the full round trip.
        if (!FewDigits(value) && (decimal)number != value)
            throw new InexactValueException(row.Symbol, row.Timestamp, column, value);
        scale = Math.Max(scale, value.Scale);
        return number;
    }

    private static bool FewDigits(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var coefficient = (ulong)(uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        return bits[2] == 0 && coefficient < MaxExactCoefficient && value.Scale <= MaxExactScale;
    }

    private static Dictionary<string, string> Metadata(string symbol, int[] scales)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [SymbolKey] = symbol };
        string[] names = ["open", "high", "low", "close", "volume", "quote_volume", "taker_buy_volume", "taker_buy_quote_volume"];
        for (var c = 0; c < names.Length; c++)
            metadata[ScaleKeyPrefix + names[c]] = scales[c].ToString(CultureInfo.InvariantCulture);
        return metadata;
    }

    private static int[] Scales(IReadOnlyDictionary<string, string> metadata)
    {
        string[] names = ["open", "high", "low", "close", "volume", "quote_volume", "taker_buy_volume", "taker_buy_quote_volume"];
        // A file another tool wrote has no scales: its values are still exact, only trailing zeros are not restored.
        return names.Select(n => metadata.TryGetValue(ScaleKeyPrefix + n, out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s <= 28 ? s : 0).ToArray();
    }

    private static void CheckSchema(ParquetSchema schema, string source)
    {
        var fields = schema.GetDataFields();
        var names = fields.Select(f => f.Name).ToList();
        if (!names.SequenceEqual(ColumnNames))
            throw new CorruptParquetFileException(source, $"columns are [{string.Join(", ", names)}], expected [{string.Join(", ", ColumnNames)}]");
        var expected = s_schema.GetDataFields();
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].ClrType != expected[i].ClrType)
                throw new CorruptParquetFileException(source, $"column {fields[i].Name} holds {fields[i].ClrType.Name}, expected {expected[i].ClrType.Name}");
        }
    }

    private static async Task<double[]> ReadAsync(ParquetRowGroupReader group, DataField<double> field, int n, CancellationToken cancellationToken)
    {
        var values = new double[n];
        await group.ReadAsync<double>(field, values, cancellationToken: cancellationToken);
        return values;
    }

    private static async Task<T?[]> ReadNullableAsync<T>(ParquetRowGroupReader group, DataField field, int n, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T?[n];
        await group.ReadAsync<T>(field, values, cancellationToken: cancellationToken);
        return values;
    }
}
