using System.Globalization;
using System.Text;
using CandleFunctions.Storage.Csv;
using CandleFunctions.Storage.Local;
using CandleFunctions.Tests.Shared;
using CsCheck;

namespace CandleFunctions.Storage.Tests.Local;

/// <summary>
/// <see cref="CandleFileScan"/> against the full reader: a file in our own form is summarised from its bytes with the
/// same minutes, and no file is summarised that the full reader would refuse or read differently.
/// </summary>
public sealed class CandleFileScanTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2023, 12, 30, 22, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("candles-scan-tests-").FullName;
    private int _files;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.Long[0, 99_999_999].Select(v => v.ToString(CultureInfo.InvariantCulture)),
        Gen.Select(Gen.Long[0, 99_999], Gen.Char['0', '9'].Array[1, 8], (a, b) => $"{a}.{new string(b)}"));

    /// <summary>Our header and rows at the given minutes after <see cref="T0"/> (ascending), as the store writes them.</summary>
    private static readonly Gen<string> OurFile = Gen.Select(Gen.Int[1, 200].Array[0, 60], Value.Array[5].Array[60], (gaps, values) =>
    {
        var text = new StringBuilder(CandleCsv.Header).Append('\n');
        var minute = 0L;
        for (var i = 0; i < gaps.Length; i++)
        {
            minute += gaps[i] == 1 ? 1 : gaps[i] * 37;
            text.Append(CsvTimestamp.ToText(T0.AddMinutes(minute))).Append(',').AppendJoin(',', values[i]).Append('\n');
        }
        return text.ToString();
    });

    /// <summary>The scan's summary (null when it declined) and the full reader's, or its refusal.</summary>
    private (string? Scan, string Full) Both(string text)
    {
        var path = Path.Combine(_folder, $"BTCUSDT-{Interlocked.Increment(ref _files)}.csv");
        var bytes = Encoding.UTF8.GetBytes(text);
        File.WriteAllBytes(path, bytes);
        using var handle = CandleFileReader.Open(path);
        var scan = CandleFileScan.TrySummarize(handle, bytes.Length);
        string full;
        try
        {
            full = Describe(CandleFileReader.ReadSummaryAsync(handle, path, "BTCUSDT", bytes.Length, CancellationToken.None).GetAwaiter().GetResult());
        }
        catch (CorruptCandleFileException e)
        {
            full = $"refused: {e.Message}";
        }
        File.Delete(path);
        return (scan is null ? null : Describe(scan), full);
    }

    private static string Describe(CandleFileSummary summary) =>
        $"{summary.Count} rows, first {summary.First:O}, last {summary.Last:O}, minutes {string.Join(" ", summary.Minutes.Ranges)}";

    [Fact]
    public void A_file_in_our_form_is_summarised_from_its_bytes_as_the_full_reader_summarises_it()
    {
        OurFile.Sample(text =>
        {
            var (scan, full) = Both(text);
            return scan is not null && scan == full;
        }, iter: 300);
    }

    [Fact]
    public void A_file_not_quite_in_our_form_is_never_summarised_differently_from_the_full_reader()
    {
        // Up to three edits with bytes that break rows in the ways hands, tools and crashes do: the scan either
        // declines (the full reader decides, with its message) or agrees with the full reader exactly.
        Gen.Select(OurFile, TextEdits.Of("0123456789.,:- \r\n\"+eE\t", 1, 3)).Sample((file, edits) =>
        {
            var text = TextEdits.Apply(file, edits);
            var (scan, full) = Both(text);
            return scan is null || scan == full;
        }, iter: 3_000);
    }

    [Theory]
    [InlineData("2024-01-01 00:00:00,1,2,0.5,1.5,10\n2024-01-01 00:01:00,1,2,abc,1.5,10\n")]
    [InlineData("2024-01-01 00:01:00,1,2,0.5,1.5,10\n2024-01-01 00:01:00,1,2,0.5,1.5,10\n")]
    [InlineData("2024-01-01 00:01:00,1,2,0.5,1.5,10\n2024-01-01 00:00:00,1,2,0.5,1.5,10\n")]
    [InlineData("2024-01-01 00:00:30,1,2,0.5,1.5,10\n")]
    [InlineData("2024-02-30 00:00:00,1,2,0.5,1.5,10\n")]
    [InlineData("2024-01-01 00:00:00,1,2,0.5,1.5\n")]
    [InlineData("2024-01-01 00:00:00,1,2,0.5,1.5,10,7\n")]
    public void A_row_the_full_reader_refuses_makes_the_scan_decline(string rows)
    {
        var (scan, full) = Both($"{CandleCsv.Header}\n{rows}");

        Assert.Null(scan);
        Assert.StartsWith("refused: ", full, StringComparison.Ordinal);
    }

    [Fact]
    public void A_last_row_without_its_line_ending_is_read_and_a_header_only_file_is_empty()
    {
        var (scan, full) = Both($"{CandleCsv.Header}\n2024-01-01 00:00:00,1,2,0.5,1.5,10\n2024-01-01 00:01:00,1,2,0.5,1.5,10");
        Assert.Equal(full, scan);
        Assert.StartsWith("2 rows", scan, StringComparison.Ordinal);

        (scan, full) = Both($"{CandleCsv.Header}\n");
        Assert.Equal(full, scan);
        Assert.StartsWith("0 rows", scan, StringComparison.Ordinal);
    }
}
