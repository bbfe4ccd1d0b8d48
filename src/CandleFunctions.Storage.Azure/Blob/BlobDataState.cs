using Azure;

namespace CandleFunctions.Storage.Azure.Blob;

/// <summary>A candle blob as last read: its version, size and, when we wrote it, our metadata.</summary>
internal sealed record BlobDataState(ETag ETag, long Length, CandleBlobMetadata? Metadata);
