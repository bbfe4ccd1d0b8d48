using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace BinanceSimulator.Archive;

/// <summary>Writes one CSV into a zip with fixed metadata, so equal lines always give equal bytes.</summary>
public static class ArchiveZipWriter
{
    /// <summary>Zips <paramref name="lines"/> (each ended by a newline) as <paramref name="entryName"/> stamped <paramref name="entryTime"/>.</summary>
    public static ArchiveBlob Write(string entryName, IEnumerable<string> lines, DateTimeOffset entryTime)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry(entryName, CompressionLevel.Optimal);
            // Zip stores local wall time without a zone; the UTC wall time keeps it machine-independent.
            entry.LastWriteTime = new DateTimeOffset(entryTime.UtcDateTime.Ticks, TimeSpan.Zero);
            using var stream = entry.Open();
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
            writer.NewLine = "\n";
            foreach (var line in lines)
                writer.WriteLine(line);
        }
        var bytes = buffer.ToArray();
        return new ArchiveBlob(bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
