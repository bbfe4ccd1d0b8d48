using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Binance.Archive;

/// <summary>Streams the candles of a downloaded archive zip, one row at a time, without loading the file.</summary>
internal static class ArchiveZipReader
{
    public static async IAsyncEnumerable<Candle> ReadAsync(
        Stream zipFile,
        ArchiveJob job,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        zipFile.Position = 0;
        using var zip = new ZipArchive(zipFile, ZipArchiveMode.Read, leaveOpen: true);
        var entry = zip.GetEntry(job.CsvName)
            ?? (zip.Entries.Count == 1 ? zip.Entries[0] : throw new ArchiveFormatException($"{job.FileName} does not hold {job.CsvName}."));
        await using var csv = entry.Open();
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        await foreach (var candle in ArchiveCsvParser.ParseAsync(reader, job.Symbol, job.Range, cancellationToken))
            yield return candle;
    }
}
