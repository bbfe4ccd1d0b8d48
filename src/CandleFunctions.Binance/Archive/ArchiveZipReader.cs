using System.IO.Compression;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Binance.Archive;

/// <summary>Inflates the klines CSV of a downloaded archive zip and parses it in the same pass.</summary>
internal static class ArchiveZipReader
{
    /// <summary>Adds the job's candles to <paramref name="candles"/>; throws when the zip or a row is unreadable.</summary>
    /// <exception cref="ArchiveFormatException">The zip lacks the CSV or a row is not a kline.</exception>
    /// <exception cref="InvalidDataException">The zip itself is damaged.</exception>
    public static void Read(Stream zipFile, ArchiveJob job, ICollection<Candle> candles)
    {
        zipFile.Position = 0;
        using var zip = new ZipArchive(zipFile, ZipArchiveMode.Read, leaveOpen: true);
        var entry = zip.GetEntry(job.CsvName)
            ?? (zip.Entries.Count == 1 ? zip.Entries[0] : throw new ArchiveFormatException($"{job.FileName} does not hold {job.CsvName}."));
        using var csv = entry.Open();
        ArchiveCsvParser.Parse(csv, job.Symbol, job.Range, candles);
    }
}
