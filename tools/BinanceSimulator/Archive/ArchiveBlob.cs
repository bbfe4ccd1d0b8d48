namespace BinanceSimulator.Archive;

/// <summary>A generated zip and its SHA-256 (lowercase hex).</summary>
public sealed record ArchiveBlob(byte[] Zip, string Sha256);
