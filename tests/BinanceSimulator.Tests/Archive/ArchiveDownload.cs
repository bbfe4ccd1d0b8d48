using System.IO.Compression;
using System.Net;
using BinanceSimulator.Archive;
using BinanceSimulator.Market;
using CandleFunctions.Core.Candles;

namespace BinanceSimulator.Tests.Archive;

/// <summary>Test helpers: fetch archive files over HTTP and read what a client would read.</summary>
internal static class ArchiveDownload
{
    public static ArchiveFile Daily(string symbol, int year, int month, int day) => new(symbol, ArchivePeriod.Daily(new DateOnly(year, month, day)));

    public static ArchiveFile Monthly(string symbol, int year, int month) => new(symbol, ArchivePeriod.Monthly(year, month));

    public static async Task<byte[]> ZipAsync(HttpClient http, ArchiveFile file)
    {
        using var response = await http.GetAsync(file.ZipKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static async Task<string> ChecksumAsync(HttpClient http, ArchiveFile file)
    {
        using var response = await http.GetAsync(file.ChecksumKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<HttpStatusCode> StatusAsync(HttpClient http, string key)
    {
        using var response = await http.GetAsync(key);
        return response.StatusCode;
    }

    /// <summary>The single entry's name and its lines (without the final empty line).</summary>
    public static (string Name, List<string> Lines) ReadSingleCsv(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        var entry = Assert.Single(zip.Entries);
        using var reader = new StreamReader(entry.Open());
        var text = reader.ReadToEnd();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return (entry.Name, text[..^1].Split('\n').ToList());
    }

    public static async Task<List<string>> CsvLinesAsync(HttpClient http, ArchiveFile file) => ReadSingleCsv(await ZipAsync(http, file)).Lines;

    /// <summary>Ground truth rows for the file's whole period.</summary>
    public static List<string> ExpectedRows(SimulatedMarket market, ArchiveFile file) =>
        market.ClosedTradedCandles(file.Symbol, file.Period.Range, file.Period.Range.End).Select(c => c.ToArchiveCsvRow()).ToList();

    public static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    public static UtcRange Day(int year, int month, int day) => ArchivePeriod.Daily(new DateOnly(year, month, day)).Range;
}
