using System.Globalization;

namespace CandleFunctions.Cli.Tests.Support;

/// <summary>Reads a stored <c>SYMBOL.csv</c> strictly, failing the test on any deviation from the exact text format.</summary>
public static class CandleFile
{
    public const string Header = "timestamp,open,high,low,close,volume";

    public static IReadOnlyList<StoredRow> Read(string path)
    {
        var text = File.ReadAllText(path);
        Assert.False(text.StartsWith('\uFEFF'), $"{path} starts with a byte-order mark");
        Assert.DoesNotContain('\r', text);
        Assert.True(text.EndsWith('\n'), $"{path} does not end with a newline");
        var lines = text[..^1].Split('\n');
        Assert.Equal(Header, lines[0]);
        var rows = new List<StoredRow>(lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            Assert.True(cells.Length == 6, $"{path}: row '{line}' does not have 6 fields");
            Assert.True(
                DateTimeOffset.TryParseExact(cells[0], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp),
                $"{path}: timestamp '{cells[0]}' is not yyyy-MM-dd HH:mm:ss");
            var row = new StoredRow(timestamp.ToUniversalTime(), Number(cells[1]), Number(cells[2]), Number(cells[3]), Number(cells[4]), Number(cells[5]));
            if (rows.Count > 0)
                Assert.True(row.Timestamp > rows[^1].Timestamp, $"{path}: {cells[0]} is not after {rows[^1].Timestamp:yyyy-MM-dd HH:mm:ss}");
            rows.Add(row);
        }
        return rows;
    }

    private static decimal Number(string text)
    {
        Assert.True(decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value), $"'{text}' is not a plain decimal");
        return value;
    }
}
