using System.IO.Compression;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Binance.Archive;

/// <summary>Inflates the klines CSV of a downloaded archive zip and parses it in the same pass.</summary>
internal static class ArchiveZipReader
{
    /// <summary>
    /// The verified file's candles in the job's range, as text rows (<paramref name="asText"/>) or candles, or null
    /// with why the zip or a row is unreadable.
    /// </summary>
    public static ArchiveFetchResult? TryRead(ZipBytes zip, ArchiveJob job, int attempt, bool asText, out string problem)
    {
        problem = "";
        var capacity = (int)Math.Min(job.Range.Duration.TotalMinutes, 1 << 20);
        using var zipStream = zip.Open();
        CandleTextRows? rows = null;
        try
        {
            if (asText)
            {
                rows = new CandleTextRows(capacity);
                Read(zipStream, job, rows);
                var result = ArchiveFetchResult.Verified(job, rows, attempt, ArchiveClient.EmptyDays(rows.OpenTimeMs, rows.Count, job.Range));
                rows = null;
                return result;
            }
            var candles = new List<Candle>(capacity);
            Read(zipStream, job, candles);
            return ArchiveFetchResult.Verified(job, candles, attempt, ArchiveClient.EmptyDays(i => candles[i].OpenTimeMs, candles.Count, job.Range));
        }
        catch (Exception ex) when (ex is ArchiveFormatException or InvalidDataException)
        {
            problem = $"{job.FileName} is corrupt: {ex.Message}";
            return null;
        }
        finally
        {
            rows?.Dispose();
        }
    }

    /// <summary>Adds the job's candles to <paramref name="candles"/>; throws when the zip or a row is unreadable.</summary>
    /// <exception cref="ArchiveFormatException">The zip lacks the CSV or a row is not a kline.</exception>
    /// <exception cref="InvalidDataException">The zip itself is damaged.</exception>
    public static void Read(Stream zipFile, ArchiveJob job, ICollection<Candle> candles)
    {
        using var zip = Open(zipFile);
        using var csv = OpenCsv(zip, job);
        ArchiveCsvParser.Parse(csv, job.Symbol, job.Range, candles);
    }

    /// <summary>Adds the job's rows to <paramref name="rows"/> as text; throws as <see cref="Read(Stream, ArchiveJob, ICollection{Candle})"/>.</summary>
    public static void Read(Stream zipFile, ArchiveJob job, CandleTextRows rows)
    {
        using var zip = Open(zipFile);
        using var csv = OpenCsv(zip, job);
        ArchiveCsvParser.Parse(csv, job.Range, rows);
    }

    private static ZipArchive Open(Stream zipFile)
    {
        zipFile.Position = 0;
        return new ZipArchive(zipFile, ZipArchiveMode.Read, leaveOpen: true);
    }

    private static Stream OpenCsv(ZipArchive zip, ArchiveJob job) =>
        (zip.GetEntry(job.CsvName)
            ?? (zip.Entries.Count == 1 ? zip.Entries[0] : throw new ArchiveFormatException($"{job.FileName} does not hold {job.CsvName}."))).Open();
}
