using Azure;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage.Azure.Blob;

/// <summary>A ledger blob as last read or written: its version, exact text and ranges.</summary>
internal sealed record BlobLedgerState(ETag ETag, string Text, CoverageSet Covered);
