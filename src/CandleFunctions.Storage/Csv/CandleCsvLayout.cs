using System.Globalization;
using CandleFunctions.Core.Candles;
using CsvHelper;

namespace CandleFunctions.Storage.Csv;

/// <summary>
/// Where the candle columns are in a file's header. Accepts our layout and the old notebook's pandas
/// output: columns in any order, plus ignored extras such as an unnamed index column or a symbol column.
/// </summary>
internal sealed class CandleCsvLayout
{
    private static readonly string[] s_required = ["timestamp", "open", "high", "low", "close", "volume"];

    private readonly int[] _columns;
    private readonly int _symbolColumn;

    private CandleCsvLayout(int fieldCount, int[] columns, int symbolColumn)
    {
        FieldCount = fieldCount;
        _columns = columns;
        _symbolColumn = symbolColumn;
    }

    public int FieldCount { get; }

    /// <summary>Maps header names; throws when a required column is missing or repeated.</summary>
    public static CandleCsvLayout FromHeader(IReadOnlyList<string> names, string source)
    {
        var columns = new int[s_required.Length];
        Array.Fill(columns, -1);
        var symbolColumn = -1;
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i].Trim().ToLowerInvariant();
            if (name == "symbol")
            {
                symbolColumn = symbolColumn < 0 ? i : throw Repeated(source, name);
                continue;
            }
            var index = Array.IndexOf(s_required, name);
            if (index < 0)
                continue;
            columns[index] = columns[index] < 0 ? i : throw Repeated(source, name);
        }
        var missing = s_required.Where((_, k) => columns[k] < 0).ToList();
        if (missing.Count > 0)
        {
            throw new CorruptCandleFileException(
                source,
                1,
                $"the header lacks the column(s) {string.Join(", ", missing)} (expected {CandleCsv.Header})");
        }
        return new CandleCsvLayout(names.Count, columns, symbolColumn);
    }

    /// <summary>Parses the reader's current record, or explains why it is not a candle.</summary>
    public bool TryParse(CsvReader row, string symbol, out Candle candle, out string reason)
    {
        candle = null!;
        if (row.FieldCount != FieldCount)
        {
            reason = $"expected {FieldCount} fields, found {row.FieldCount}";
            return false;
        }
        if (_symbolColumn >= 0 && !string.Equals(row.GetString(_symbolColumn).Trim(), symbol, StringComparison.OrdinalIgnoreCase))
        {
            reason = $"the row is for symbol '{row.GetString(_symbolColumn)}', not {symbol}";
            return false;
        }
        if (!TryParseTimestamp(row, _columns[0], out var timestamp))
        {
            reason = $"'{row.GetString(_columns[0])}' is not a timestamp (expected {CsvTimestamp.Format} UTC)";
            return false;
        }
        if (timestamp.UtcTicks % TimeSpan.TicksPerMinute != 0)
        {
            reason = $"timestamp {row.GetString(_columns[0])} is not on a whole minute";
            return false;
        }
        Span<decimal> values = stackalloc decimal[5];
        for (var k = 1; k < s_required.Length; k++)
        {
            // NumberStyles.Float also reads the exponent form pandas uses for small floats (1e-05).
            if (!decimal.TryParse(row.GetSpan(_columns[k]), NumberStyles.Float, CultureInfo.InvariantCulture, out values[k - 1]))
            {
                var text = row.GetString(_columns[k]);
                reason = text.Trim().Length == 0 ? $"{s_required[k]} is empty" : $"{s_required[k]} '{text}' is not a number";
                return false;
            }
        }
        candle = new Candle(symbol, timestamp, values[0], values[1], values[2], values[3], values[4]);
        reason = "";
        return true;
    }

    private static bool TryParseTimestamp(CsvReader row, int column, out DateTimeOffset timestamp)
    {
        Span<char> chars = stackalloc char[64];
        if (row.GetSpan(column).Length > chars.Length)
        {
            timestamp = default;
            return false;
        }
        var length = row.GetChars(column, chars);
        return CsvTimestamp.TryParse(chars[..length], out timestamp);
    }

    private static CorruptCandleFileException Repeated(string source, string name) =>
        new(source, 1, $"the header has the column '{name}' twice");
}
