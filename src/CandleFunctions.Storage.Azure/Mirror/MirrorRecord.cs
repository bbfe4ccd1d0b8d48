namespace CandleFunctions.Storage.Azure.Mirror;

/// <summary>The blob versions a symbol's local files were last made identical to, and the files' stamps at that moment.</summary>
internal sealed record MirrorRecord(string Container, string? DataETag, string? LedgerETag, FileStamp Csv, FileStamp Ledger);
