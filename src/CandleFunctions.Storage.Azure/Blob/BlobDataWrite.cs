using Azure;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage.Azure.Blob;

/// <summary>What one data commit did to a candle blob.</summary>
/// <param name="Result">Candles added and whether they were appended.</param>
/// <param name="Before">The version the commit was conditional on; null when it created the blob.</param>
/// <param name="BeforeWasOurs">True when the blob before was in our exact layout (so a local copy can apply the same change).</param>
/// <param name="After">The version now stored.</param>
/// <param name="Length">The blob's length now.</param>
/// <param name="PriorCoverage">The minutes the data held before (for a blob without a ledger); null when unknown.</param>
/// <param name="Uploaded">Bytes of candle data sent.</param>
internal sealed record BlobDataWrite(
    CommitResult Result,
    ETag? Before,
    bool BeforeWasOurs,
    ETag After,
    long Length,
    CoverageSet? PriorCoverage,
    long Uploaded);
